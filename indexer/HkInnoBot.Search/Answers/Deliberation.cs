namespace HkInnoBot.Search.Answers;

/// <summary>
/// What every decision of one answer saw: the passages the answer model weighed and what it read of each, the spans the
/// short-answer model weighed for each part of the question, and for a follow-up, the reading in context and what the
/// context model read. <c>indexer train</c> labels these against the question bank and fits the models on them.
/// </summary>
public sealed class Deliberation
{
    /// <summary>A passage weighed as the answer, with the answer model's features and probability, and every span of it
    /// that could give a part of the question.</summary>
    public sealed record Weighed(string PassageId, string Text, double[] Features, double Probability, IReadOnlyList<WeighedSpan> Spans);

    /// <summary>A span weighed for part <paramref name="Part"/> of the question (its index in <see cref="Question.Parts"/>).</summary>
    public sealed record WeighedSpan(int Part, string Text, double[] Features, double Probability);

    /// <summary>One reading of the message: alone, or in the previous topic's light.</summary>
    public sealed record Reading(Question Question, AnswerStatus Status, IReadOnlyList<Weighed> Passages);

    public Reading? Alone { get; internal set; }

    public Reading? InContext { get; internal set; }

    public double[]? ContextFeatures { get; internal set; }

    public double ContextProbability { get; internal set; }
}
