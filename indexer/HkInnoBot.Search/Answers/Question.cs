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
/// <param name="Asks">The kind of fact asked for (an amount, a date, a place…); null for an explanation.</param>
/// <param name="AskedAbout">The thing asked about when the question names it (收費, 院長), as typed, which an answer must
/// name.</param>
public sealed record Question(string Text, bool WasShortened, Script Script, string Searchable, AskedFact? Asks, string? AskedAbout = null)
{
    public static Question Parse(string? message, QueryFeatures features = QueryFeatures.All)
    {
        var text = QueryText.Clean(message, out var shortened);
        return new Question(text, shortened, ChineseText.DetectScript(text), QueryText.Prepare(text, features),
            Facts.AskedIn(text), Facts.NamedIn(text));
    }
}
