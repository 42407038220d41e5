using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Ranking;

namespace HkInnoBot.Search.Answers;

/// <summary>
/// A message understood once, at the start of its answer: what everything downstream reads instead of cleaning or
/// converting it again.
/// </summary>
/// <param name="Text">The message as shown back and carried by buttons: invisible characters gone, cut to
/// <see cref="QueryText.MaxLength"/>.</param>
/// <param name="WasShortened">Whether <paramref name="Text"/> had to be cut.</param>
/// <param name="Script">The script the user wrote in, which the reply uses.</param>
/// <param name="Searchable">Cantonese rewritten, question words removed: what is searched for.</param>
/// <param name="Parts">What it asks, part by part (a count, a sum, a date…); empty for an explanation or a yes or no.</param>
/// <param name="AskedAbout">The thing asked about when the question names it (收費, 院長), as typed, which an answer must
/// name.</param>
public sealed record Question(string Text, bool WasShortened, Script Script, string Searchable, IReadOnlyList<AskedPart> Parts, string? AskedAbout = null)
{
    /// <summary>The years the question names (2019 of 「科技券喺2019年批咗幾多宗？」): a figure of another year does not
    /// answer it.</summary>
    public IReadOnlyList<string> Years => Facts.YearsIn(Text);

    /// <summary>The kind of fact asked first; null for an explanation.</summary>
    public AskedFact? Asks => Parts.Count > 0 ? Parts[0].Kind : null;

    public static Question Parse(string? message, QueryFeatures features = QueryFeatures.All)
    {
        var text = QueryText.Clean(message, out var shortened);
        return new Question(text, shortened, ChineseText.DetectScript(text), QueryText.Prepare(text, features),
            Facts.PartsOf(text), Facts.NamedIn(text));
    }
}
