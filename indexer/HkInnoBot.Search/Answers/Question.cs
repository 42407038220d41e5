using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Ranking;

namespace HkInnoBot.Search.Answers;

/// <summary>What a question asks for, when it is a figure, a date or a rank that a short answer can give.</summary>
public enum AskedFact { Quantity, Date, Rank }

/// <summary>
/// A message understood once, at the start of its answer: what everything downstream reads instead of cleaning or
/// converting it again.
/// </summary>
/// <param name="Text">The message as shown back and carried by buttons: invisible characters gone, cut to
/// <see cref="QueryText.MaxLength"/>.</param>
/// <param name="WasShortened">Whether <paramref name="Text"/> had to be cut.</param>
/// <param name="Script">The script the user wrote in, which the reply uses.</param>
/// <param name="Searchable">Cantonese rewritten, question words removed: what is searched for.</param>
/// <param name="Asks">The kind of fact asked for, when a short answer can give it.</param>
public sealed record Question(string Text, bool WasShortened, Script Script, string Searchable, AskedFact? Asks)
{
    public static Question Parse(string? message, QueryFeatures features = QueryFeatures.All)
    {
        var text = QueryText.Clean(message, out var shortened);
        return new Question(text, shortened, ChineseText.DetectScript(text), QueryText.Prepare(text, features), ShortAnswer.AskedIn(text));
    }
}
