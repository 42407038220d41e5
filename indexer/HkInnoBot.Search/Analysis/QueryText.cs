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
        // A link pasted beside the question is where the user saw it, not what they ask.
        var text = cleaned.Contains("http", StringComparison.OrdinalIgnoreCase) || cleaned.Contains("www.", StringComparison.OrdinalIgnoreCase)
            ? Link().Replace(cleaned, " ")
            : cleaned;
        if (features.HasFlag(QueryFeatures.QuestionWords))
            text = text.TrimEnd(Particles);
        if (features.HasFlag(QueryFeatures.Cantonese))
            text = CantoneseToWritten.Apply(text);
        if (features.HasFlag(QueryFeatures.QuestionWords))
            text = WithoutVerbNotVerb(QuestionPhrases.Apply(CountAsked().Replace(text, " "))).TrimEnd(ParticlesAfterRemoval);
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>A verb asked with its negation, the yes-or-no form (要不要, 要唔要, 需不需要, 需要不需要), keeps the verb
    /// alone: 「要唔要俾手續費」 asks about paying fees, and no answer says 要不要.</summary>
    private static string WithoutVerbNotVerb(string text)
    {
        StringBuilder? kept = null;
        var from = 0;
        for (var at = text.IndexOfAny(Negations, Math.Min(1, text.Length)); at > 0 && at + 1 < text.Length; at = text.IndexOfAny(Negations, at + 1))
        {
            var verb = VerbAround(text, at, from);
            if (verb == 0)
                continue;
            kept ??= new StringBuilder(text.Length);
            kept.Append(text, from, at - verb - from);
            from = at + 1; // the verb and its negation go; the verb after them stays
        }
        return kept is null ? text : kept.Append(text, from, text.Length - from).ToString();
    }

    // How long the verb is that stands both before and after the negation at a position (要不要: 1, 需要不需要: 2); 0 for
    // none. Not before a position already taken.
    private static int VerbAround(string text, int negation, int from)
    {
        for (var length = 2; length >= 1; length--)
        {
            if (negation - length < from || negation + length >= text.Length)
                continue;
            var before = text.AsSpan(negation - length, length);
            if (before.SequenceEqual(text.AsSpan(negation + 1, length)) && !before.ContainsAnyExceptInRange('\u3400', '\u9fff'))
                return length;
        }
        return 0;
    }

    private static readonly char[] Negations = ['不', '唔', '沒', '没'];

    /// <summary>
    /// The question as searched and shown: HTML character references decoded (&amp;#31185; is 科, as pasted from a page's
    /// source), invisible format characters (zero-width spaces and joiners, soft hyphens, direction marks) removed, since
    /// they sit inside words, control characters (NUL, tabs, line breaks) made spaces, runs of spaces one, and it is cut
    /// to <see cref="MaxLength"/> characters, never inside a character. <paramref name="wasCut"/> tells whether anything
    /// was cut.
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
        var start = question.Length > 16 * MaxLength ? question[..(16 * MaxLength)] : question;
        if (start.Contains('&'))
            start = System.Net.WebUtility.HtmlDecode(start);
        var builder = new StringBuilder(start.Length);
        foreach (var rune in start.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Format)
                continue;
            if (category is UnicodeCategory.Control or UnicodeCategory.PrivateUse)
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

    // 多少家, 幾多間, how many's measure word: part of the asking, whichever the asker picks (家, 間, 個 and 所 all count
    // companies), so it neither finds nor misses a passage.
    [GeneratedRegex(@"(?:多少|幾多|几多|幾|几)\s*(?:個|个|間|间|家|所|宗|項|项|條|条|名|座|位|隻|只|架|部|款|次|支|隊|队|枚|類|类|種|种)")]
    private static partial Regex CountAsked();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s\p{IsCJKUnifiedIdeographs}，。？！]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

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
