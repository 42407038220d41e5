using System.Text.RegularExpressions;
using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Search.Answers;

/// <summary>The kind of fact a question asks for, when it asks for a particular one.</summary>
public enum AskedFact { Contact, Address, Time, Rate, Ratio, Money, Area, Duration, Rank, Deadline, Date, Person, Place, Name, Quantity }

/// <summary>
/// One thing a question asks: 「數碼港投資創業基金投咗幾多間公司？金額多少？」 asks a count of companies and a sum.
/// </summary>
/// <param name="Text">The part of the question that asks it.</param>
/// <param name="Kind">What it asks for.</param>
/// <param name="MeasureWord">The measure word a count is asked with (间 of 幾多間), in Simplified; empty when none.</param>
/// <param name="Noun">What the count counts (公司 of 幾多間公司), in Simplified; empty when not said.</param>
/// <param name="Years">The years the part names (2019 of 「2019年批咗幾多宗？」).</param>
public sealed record AskedPart(string Text, AskedFact Kind, string MeasureWord, string Noun, IReadOnlyList<string> Years)
{
    /// <summary>A figure asked "per" something (每間公司, 每年, each).</summary>
    public bool PerUnit { get; init; }

    /// <summary>A limit asked (最多, 上限, 最高, at most, cap).</summary>
    public bool Limit { get; init; }

    /// <summary>A floor asked (最少, 至少, at least).</summary>
    public bool Least { get; init; }
}

/// <summary>
/// What a question asks for: the kinds of fact (an amount, a date, a place…), part by part, and the thing it names when
/// it asks about one (收費, 院長). The words that ask are data (<c>Language/asked-facts.txt</c>): they are the language's
/// ways of asking, not any document's words. Whether a passage gives what is asked is decided from
/// <see cref="TypedSpans"/> by the answer model (<see cref="Evidence"/>).
/// </summary>
public static partial class Facts
{
    // Each kind with its groups of cues: a question asks for the kind when it holds a cue of every group, and none of a
    // group of words marked "!". A cue marked "=" is kept as a word too, and listed in Named.
    private static readonly (AskedFact Kind, (bool Not, string[] Words)[] Groups)[] Cues = [.. WordList.Read("asked-facts.txt").Select(line =>
    {
        var (kind, cues) = (line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..]);
        return (Enum.Parse<AskedFact>(kind, ignoreCase: true), cues.Split('|')
            .Select(group => group.Split(',').Select(cue => ChineseText.ComparisonKey(cue.Trim())).Where(cue => cue.Length > 0).ToArray())
            .Select(group => (Not: group[0].StartsWith('!'), Words: group.Select(cue => cue.TrimStart('!', '=')).ToArray()))
            .ToArray());
    })];

    /// <summary>What a cleaned question (or a part of one) asks for, or null when it asks for an explanation or a yes or
    /// no.</summary>
    public static AskedFact? AskedIn(string question) => AskedInKey(ChineseText.ComparisonKey(question));

    private static AskedFact? AskedInKey(string key)
    {
        foreach (var (kind, groups) in Cues)
        {
            var asks = true;
            foreach (var (not, words) in groups)
                asks &= Array.Exists(words, word => ChineseText.HoldsWord(key, word)) != not;
            if (asks)
                return kind;
        }
        return null;
    }

    /// <summary>The thing a question asks about when it names one (收費, 租金, 院長), whatever it asks of it: 「要唔要俾
    /// 手續費？」 is answered only by a passage that names fees, as 「手續費幾多錢？」 is.</summary>
    public static string? NamedIn(string question)
    {
        var text = ChineseText.ComparisonKey(question);
        return Named.FirstOrDefault(thing => ChineseText.HoldsWord(text, thing)) is { } named
            ? question.Substring(text.IndexOf(named, StringComparison.Ordinal), named.Length) // as typed: the key keeps length
            : null;
    }

    private static readonly string[] Named = [.. WordList.Read("asked-facts.txt")
        .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split('|', ','))
        .Select(cue => ChineseText.ComparisonKey(cue.Trim())).Where(cue => cue.StartsWith('=')).Select(cue => cue[1..]).Distinct()];

    /// <summary>
    /// The things a question asks, in order: each sentence or clause that asks a fact of its own (「…投資了多少間本地初創？
    /// 金額多少？」 asks two). A question asking no particular fact has none.
    /// </summary>
    public static IReadOnlyList<AskedPart> PartsOf(string question)
    {
        var parts = new List<AskedPart>();
        foreach (var clause in Clauses().Split(question))
        {
            // A clause that tells (「我哋諗住做個 location-based app」) asks nothing, whatever words it has.
            if (clause.Trim().Length == 0 || !Asking().IsMatch(clause) || ChineseText.ComparisonKey(clause) is var key && AskedInKey(key) is not { } kind)
                continue;
            var count = CountAsked().Match(key);
            // 「資助了多少個項目」 counts projects, whatever the word before.
            if (kind == AskedFact.Money && count.Success)
                kind = AskedFact.Quantity;
            parts.Add(new AskedPart(clause.Trim(), kind,
                count.Success ? count.Groups["unit"].Value : "",
                count.Success ? count.Groups["noun"].Value : "",
                [.. Year().Matches(key).Select(year => year.Value)])
            {
                PerUnit = PerUnit().IsMatch(key),
                Limit = Limit().IsMatch(key),
                Least = Least().IsMatch(key),
            });
        }
        return parts;
    }

    /// <summary>The years a text names, 19xx or 20xx, each once.</summary>
    public static IReadOnlyList<string> YearsIn(string text) => [.. Year().Matches(text).Select(year => year.Value).Distinct()];

    // Sentences, and clauses that each ask something (「投了多少家公司，金额多少？」).
    [GeneratedRegex(@"(?<=[？?；;。！!，,])")]
    private static partial Regex Clauses();

    // 多少個, 幾多間, 几多宗 (compared in Simplified): a count of things asked with their measure word, and what follows it.
    [GeneratedRegex(@"(?:几多|多少|几)\s*(?<unit>个|间|家|所|宗|项|条|名|座|枚|支|位|人|只|架|部|款|次|队|台|类|种|届|期)(?<noun>[\p{IsCJKUnifiedIdeographs}]{0,4})")]
    private static partial Regex CountAsked();

    // A question mark, or a word that asks, in any script: 幾, 多少, 何, 哪, 邊, 咩, 乜, 什麼, 甚麼, 誰, how, what…
    [GeneratedRegex(@"[?？]|幾|几|多少|多大|多久|多長|多长|何|哪|邊|边|咩|乜|什麼|什么|甚麼|甚么|誰|谁|\b(?:how|what|when|where|who|which|whose)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Asking();

    [GeneratedRegex(@"(?<!\d)(?:19|20)\d{2}(?!\d)")]
    private static partial Regex Year();

    // "每月", "每間公司", "每個項目", "各提供", "per", "each": a figure per something.
    [GeneratedRegex(@"每|各[\p{IsCJKUnifiedIdeographs}]|\bper\b|\beach\b")]
    private static partial Regex PerUnit();

    [GeneratedRegex(@"最多|最高|上限|封顶|顶|\bmax|\bcap\b|at most|up to|ceiling")]
    private static partial Regex Limit();

    [GeneratedRegex(@"最少|至少|起码|\bat least\b|\bminimum\b")]
    private static partial Regex Least();
}
