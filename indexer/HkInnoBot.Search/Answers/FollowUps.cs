using System.Text.RegularExpressions;
using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Search.Answers;

/// <summary>
/// What a conversation keeps of its last question to understand the next message: the question as it was understood
/// (standing alone), its topic (the weightiest of its words that the answer held, names first) and the passage
/// that answered it, whose names a follow-up may point at (「那個研發院」). Plain data, so the bot keeps it in any
/// <c>IStorage</c>.
/// </summary>
public sealed record FollowUpContext(string Question, IReadOnlyList<string> Topic, string? PassageId = null);

/// <summary>
/// How a message leans on the question before it. 「佢投咗幾多間？」 refers back with a pronoun; 「幾時開始？」 names no
/// topic at all; 「咁數碼港呢？」 asks the same question about another thing. The words are data
/// (<c>Language/referring-words.txt</c>, <c>Language/turning-words.txt</c>).
/// </summary>
internal static partial class FollowUps
{
    private static readonly string[] Referring = [.. WordList.Read("referring-words.txt").Select(ChineseText.ComparisonKey)];

    // Longest first, so "and what about" is taken whole before "and".
    private static readonly string[] Openers = [.. WordList.Read("turning-words.txt").Select(ChineseText.ComparisonKey)
        .OrderByDescending(opener => opener.Length)];

    private static readonly char[] Ending = "？?！!。.～~ 　".ToCharArray();

    /// <summary>Whether the message points back: a referring word, or an opener such as 咁 or "and". A word in
    /// capitals is an acronym, a name of its own ("IT education"), not the pronoun.</summary>
    public static bool RefersBack(string text)
    {
        var key = ChineseText.ComparisonKey(Acronym().Replace(text, " "));
        return Referring.Any(word => ChineseText.HoldsWord(key, word)) || Opener(key) > 0;
    }

    /// <summary>A message that turns the conversation to another thing: 「咁數碼港呢？」 asks the previous question about
    /// 數碼港 (<paramref name="Then"/> empty); 「那麼港深創科園呢？首批大樓何時落成？」 asks its own question about it.
    /// A <paramref name="Name"/> of "" (「咁呢？」) asks the previous question again.</summary>
    public sealed record Turn(string Name, string Then);

    /// <summary>How the message turns the conversation, or null when it is not of that form.</summary>
    public static Turn? TurnsTo(string text)
    {
        var key = ChineseText.ComparisonKey(text);
        var opener = Opener(key);
        string name, then;
        if (text.IndexOf('呢') is var particle and >= 0 && text.AsSpan(particle + 1).TrimStart(Ending).IsEmpty is var last
            && (last || Ending.Contains(text[particle + 1])))
            (name, then) = (text[opener..particle], text[(particle + 1)..].Trim(Ending));
        else if (opener > 0 && char.IsAsciiLetter(key[0]))
            (name, then) = (text[opener..].TrimEnd(Ending), "");
        else
            return null;
        name = name.Trim(' ', '，', ',', '、');
        // A name asks nothing itself: 「咁要幾多錢呢？」 is a question of its own, not a turn to 「要幾多錢」.
        return Facts.AskedIn(name) is null && QueryText.Prepare(name) == name ? new Turn(name, then) : null;
    }

    /// <summary>The message rewritten as a question that stands alone: its own question about the thing it turns to,
    /// the previous question about that thing instead of its topic, or the message with the previous topic put
    /// before it.</summary>
    public static string Resolve(string message, FollowUpContext context, Turn? turn)
    {
        if (turn is not { Name.Length: > 0 })
            return $"{string.Join(' ', context.Topic)} {WithoutLeadingReference(message)}";
        if (turn.Then.Length > 0)
            return $"{turn.Name} {turn.Then}";
        var at = context.Topic.Count > 0 ? context.Question.IndexOf(context.Topic[0], StringComparison.Ordinal) : -1;
        return at < 0 ? $"{turn.Name} {context.Question}"
            : string.Concat(context.Question.AsSpan(0, at), turn.Name, context.Question.AsSpan(at + context.Topic[0].Length));
    }

    /// <summary>The message without the word it opens with when that word points back (「佢負責咩？」 →
    /// 「負責咩？」): the topic put before it takes its place.</summary>
    private static string WithoutLeadingReference(string message)
    {
        var key = ChineseText.ComparisonKey(message);
        var word = Referring.Where(word => key.StartsWith(word, StringComparison.Ordinal) && !char.IsAsciiLetter(word[0])).MaxBy(word => word.Length);
        return word is null || word.Length == message.Length ? message : message[word.Length..];
    }

    /// <summary>
    /// A thing the message points at with a demonstrative and a common noun (「那個研發院」, 「呢個基金」, 「該中心」),
    /// named in full as the previous answer names it (「香港微電子研發院」): the message with the name put in, and the
    /// name; null when it points at nothing that passage names more fully.
    /// </summary>
    public static (string Text, string Name)? NamePointedAt(string message, string previousAnswer)
    {
        var answerKey = ChineseText.ComparisonKey(previousAnswer);
        foreach (Match pointer in Demonstrative().Matches(message))
        {
            var after = ChineseText.ComparisonKey(message[(pointer.Index + pointer.Length)..]);
            // The longest start of what follows that the answer holds inside a longer name: 「研發院的研發重點」 → 研發院.
            for (var length = Math.Min(after.Length, MaxName); length >= 2; length--)
            {
                var at = answerKey.IndexOf(after[..length], StringComparison.Ordinal);
                if (at < 0)
                    continue;
                var start = at;
                while (start > 0 && at + length - start < MaxName && !NameBoundary.Contains(answerKey[start - 1]))
                    start--;
                if (start == at)
                    break;
                var name = previousAnswer[start..(at + length)];
                return (string.Concat(message.AsSpan(0, pointer.Index), name, message.AsSpan(pointer.Index + pointer.Length + length)), name);
            }
        }
        return null;
    }

    private const int MaxName = 16;

    // What ends a name to its left in running text: quotes and brackets, punctuation, and the particles and
    // conjunctions that stand before a noun (新成立的「香港微電子研發院」, 數碼港及科技園).
    private static readonly HashSet<char> NameBoundary = [.. "「」『』《》〈〉（）()，,、。；;：: 的之及和与與或在于於由为為向把被将將"];

    // 那個, 呢間, 嗰座, 這項, 該 …: a demonstrative, with or without a measure word.
    [GeneratedRegex("[那呢嗰這这該该此][個个間间家座項项所條条隻只]?")]
    private static partial Regex Demonstrative();

    // The length of the opener the text starts with, 0 for none; an English opener only as whole words.
    private static int Opener(string key) =>
        Openers.FirstOrDefault(opener => key.StartsWith(opener, StringComparison.Ordinal)
            && (!char.IsAsciiLetter(opener[^1]) || key.Length == opener.Length || !char.IsAsciiLetter(key[opener.Length])))?.Length ?? 0;

    [GeneratedRegex(@"\b[A-Z]{2,}\b")]
    private static partial Regex Acronym();
}
