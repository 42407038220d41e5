using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HkInnoBot.Search.Ranking;

namespace HkInnoBot.Search.Analysis;

/// <summary>
/// Turns what a user typed into the text to search for: safe characters only, Hong Kong Cantonese rewritten as
/// standard written Chinese (the fact sheet's register), and question phrasing removed, since it never appears in
/// the answer. The word lists are data (<c>Language/*.txt</c>).
/// </summary>
public static partial class QueryText
{
    /// <summary>Longer input is cut: a question is short, and the cost of a query grows with its length.</summary>
    public const int MaxLength = 200;

    private static readonly Rewrites CantoneseToWritten = CantoneseRules(WordList.Read("cantonese.txt"));
    private static readonly Rewrites QuestionPhrases = new(WordList.Read("question-words.txt")
        .SelectMany(phrase => new[] { phrase, ChineseText.ToSimplified(phrase) })
        .Select(phrase => (phrase, " ")));

    // Particles are trimmed before the rewrite (Cantonese 嚟, 㗎, 未) and after it, when also a 是 left by a removed
    // question phrase goes (係咩 → 是甚麼 → 是).
    private static readonly char[] Particles = [.. WordList.Read("particles.txt").Select(particle => particle.Single()), ' '];
    private static readonly char[] ParticlesAfterRemoval = [.. Particles, '是'];

    /// <summary>The searchable part of a cleaned question (<see cref="Clean"/>), in the script it was typed in.</summary>
    public static string Prepare(string cleaned, QueryFeatures features = QueryFeatures.All)
    {
        var text = cleaned;
        if (features.HasFlag(QueryFeatures.QuestionWords))
            text = text.TrimEnd(Particles);
        if (features.HasFlag(QueryFeatures.Cantonese))
            text = CantoneseToWritten.Apply(text);
        if (features.HasFlag(QueryFeatures.QuestionWords))
            text = WithoutVerbNotVerb(QuestionPhrases.Apply(text)).TrimEnd(ParticlesAfterRemoval);
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>A verb asked with its negation, the yes-or-no form (要不要, 要唔要, 需不需要, 可不可以), keeps the verb
    /// alone: 「要唔要俾手續費」 asks about paying fees, and no answer says 要不要.</summary>
    private static string WithoutVerbNotVerb(string text)
    {
        var at = NotVerb(text, 0);
        if (at < 0)
            return text;
        var kept = new StringBuilder(text.Length);
        var from = 0;
        for (; at >= 0; at = NotVerb(text, from))
        {
            kept.Append(text, from, at - from);
            from = at + 2;
        }
        return kept.Append(text, from, text.Length - from).ToString();
    }

    // Where a verb, its negation and the verb again start (要不要), from a position; -1 when none does.
    private static int NotVerb(string text, int from)
    {
        for (var i = text.IndexOfAny(Negations, Math.Min(from + 1, text.Length)); i > 0 && i + 1 < text.Length; i = text.IndexOfAny(Negations, i + 1))
            if (text[i - 1] == text[i + 1] && IsHan(text[i - 1]) && i - 1 >= from)
                return i - 1;
        return -1;
    }

    private static readonly char[] Negations = ['不', '唔', '沒', '没'];

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    /// <summary>
    /// The question as searched and shown: control and invisible format characters (NUL, zero-width spaces, direction
    /// marks) become spaces, runs of spaces one, and it is cut to <see cref="MaxLength"/> characters, never inside a
    /// character. <paramref name="wasCut"/> tells whether anything was cut.
    /// </summary>
    public static string Clean(string? question, out bool wasCut)
    {
        var text = Tidy(question);
        wasCut = text.Length > MaxLength;
        return wasCut ? text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)] : text;
    }

    public static string Clean(string? question) => Clean(question, out _);

    // Only the start is read: whatever follows many screens of text is not part of a question.
    private static string Tidy(string? question)
    {
        if (string.IsNullOrEmpty(question))
            return "";
        var start = question.AsSpan(0, Math.Min(question.Length, 16 * MaxLength));
        var builder = new StringBuilder(start.Length);
        foreach (var rune in start.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse)
                builder.Append(' ');
            else if (rune.IsBmp)
                builder.Append((char)rune.Value);
            else
                builder.Append(char.ConvertFromUtf32(rune.Value));
        }
        return Whitespace().Replace(builder.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>"FORM => WRITTEN" rewrites, and bare written words that map to themselves, so the longest match keeps
    /// them whole. Users type Cantonese in either script; a single character only as written (see cantonese.txt).</summary>
    private static Rewrites CantoneseRules(IEnumerable<string> lines) => new(lines.SelectMany(line =>
    {
        var sides = line.Split("=>", 2);
        var form = sides[0].Trim();
        var written = sides.Length > 1 ? sides[1].Trim() : null;
        var spellings = form.Length > 1 ? new[] { form, ChineseText.ToSimplified(form) } : [form];
        return spellings.Select(spelling => (spelling, written is null ? spelling : written.Length > 0 ? written : " "));
    }));
}
