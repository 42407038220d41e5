namespace HkInnoBot.Indexer.Search;

/// <param name="Answered">False when the best passage is below the confidence threshold: the text has no answer,
/// and <see cref="Hits"/> are only the nearest topics.</param>
public sealed record SearchResult(string Query, bool Answered, IReadOnlyList<Hit> Hits);

/// <param name="Confidence">How much of the question's weight the passage covers, in [0, 1]; comparable across questions.</param>
/// <param name="Highlighted"><paramref name="Text"/> with the matched terms wrapped in **…**.</param>
public sealed record Hit(
    int Rank, float Score, double Confidence, string Id, string Section,
    string Title, string Updated, string Text, string Highlighted);
