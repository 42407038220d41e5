using System.Text.RegularExpressions;
using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Search.Answers;

/// <summary>The kinds of fact a short answer can give.</summary>
public enum SpanType { Money, Count, Area, Percent, Ratio, Date, Duration, Rank, Name, Place }

/// <summary>
/// A fact a passage gives, typed: a sum of money, a count with its measure word, a date, a share… <paramref name="Text"/>
/// is a whole phrase of the passage (without its bold markers): an approximation, the figure and its unit, never the
/// words after it. <paramref name="Unit"/> is the measure word or currency (in Simplified); <paramref name="After"/> the
/// words that follow in the clause, which say what a count counts; <paramref name="Clause"/> the clause around it, which
/// says what the fact is about. All in the passage's comparison key but <paramref name="Text"/>.
/// </summary>
public sealed record TypedSpan(SpanType Type, int Start, string Text, string Unit, string After, string Clause, string Qualifier)
{
    /// <summary>The sentence around it (its clause, and the clauses it makes a sentence with).</summary>
    public string Sentence { get; init; } = Clause;

    /// <summary>Whether it is the passage's first span of its type, and how many of its type the passage has.</summary>
    public bool FirstOfItsType { get; init; }

    public int OfItsType { get; init; } = 1;
}

/// <summary>
/// Reads every figure, date, share, ratio, rank and name of a passage once, typed (<see cref="TypedSpan"/>), for
/// <see cref="ShortAnswers"/> to choose from. Patterns run on the passage's comparison key (Simplified, half-width,
/// lower case: one pattern for both scripts), which keeps the length, so every span is cut from the passage as written.
/// </summary>
public static partial class TypedSpans
{
    public static IReadOnlyList<TypedSpan> Read(string passage)
    {
        var plain = passage.Replace("**", "");
        var key = ChineseText.ComparisonKey(plain);
        var spans = new List<TypedSpan>();
        var taken = new bool[key.Length];
        // The most particular kinds first: "1（政府）：2（公司）" is a ratio before its 1 and 2 are anything else, and
        // "30 億元" a sum before its 30 is a count.
        foreach (var (type, pattern) in Patterns)
            foreach (Match match in pattern.Matches(key))
            {
                var group = match.Groups["span"].Success ? match.Groups["span"] : (Group)match;
                var (start, length) = Trimmed(key, group.Index, group.Length);
                if (length == 0 || Overlaps(taken, start, length))
                    continue;
                Array.Fill(taken, true, start, length);
                if (type == SpanType.Count)
                    length += CountedNoun(key, start + length);
                var qualifier = match.Groups["q"].Success ? match.Groups["q"].Value : "";
                var unit = match.Groups["unit"].Success ? match.Groups["unit"].Value : "";
                spans.Add(new TypedSpan(type, start, plain.Substring(start, length), unit,
                    After(key, start + length), Clause(key, start, length), qualifier) { Sentence = Clauses.Around(key, start, start, sentence: true) });
            }
        foreach (var name in Names(passage, plain))
            if (!Overlaps(taken, name.Start, name.Text.Length))
            {
                Array.Fill(taken, true, name.Start, name.Text.Length);
                spans.Add(name);
            }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return [.. spans.Select(span => span with
        {
            FirstOfItsType = spans.First(other => other.Type == span.Type) == span,
            OfItsType = spans.Count(other => other.Type == span.Type),
        })];
    }

    private static bool Overlaps(bool[] taken, int start, int length) => Array.IndexOf(taken, true, start, length) >= 0;

    private static (int Start, int Length) Trimmed(string key, int start, int length)
    {
        while (length > 0 && char.IsWhiteSpace(key[start]))
            (start, length) = (start + 1, length - 1);
        while (length > 0 && char.IsWhiteSpace(key[start + length - 1]))
            length--;
        return (start, length);
    }

    /// <summary>The length of the noun a count counts when it is a whole short phrase of its own (「12 個核心建議，」,
    /// 「近 4,300 間初創企業（」): up to four characters ending the clause; 0 otherwise (「超過 32,000 宗」 stays whole, not
    /// 「…宗來自本地企業」).</summary>
    private static int CountedNoun(string key, int end)
    {
        var length = 0;
        while (end + length < key.Length && length <= 4 && key[end + length] >= '\u3400')
            length++;
        return length is >= 2 and <= 4 && (end + length == key.Length || NounEnds.Contains(key[end + length])) ? length : 0;
    }

    private static readonly char[] NounEnds = ",。;、!?\n()".ToCharArray();

    /// <summary>What follows the span up to the end of its clause: 「初创企业」 after 「近 4,300 间」.</summary>
    private static string After(string key, int end)
    {
        var after = Clauses.After(key, end);
        return after.Length > 12 ? after[..12] : after;
    }

    private static string Clause(string key, int start, int length) => Clauses.Around(key, start, start + length);

    /// <summary>Names: what the text quotes (「科技券」, 《藍圖》) or sets in bold (**香港科技園公司**), and where something is
    /// (位於將軍澳創新園的…, 在香港科學園設立…).</summary>
    private static IEnumerable<TypedSpan> Names(string passage, string plain)
    {
        var key = ChineseText.ComparisonKey(plain);
        foreach (Match quoted in Quoted().Matches(plain))
            yield return Name(SpanType.Name, key, plain, quoted.Groups["name"].Index, quoted.Groups["name"].Length);
        // Bold, located in the passage as written and moved back by the markers before it.
        var markers = 0;
        foreach (Match bold in Bold().Matches(passage))
        {
            var start = bold.Index - markers * 2;
            markers += 2;
            var inner = bold.Groups["name"].Value.Trim('「', '」', '《', '》', ' ');
            var at = plain.IndexOf(inner, start, StringComparison.Ordinal);
            if (at >= 0 && inner.Length >= 2)
                yield return Name(SpanType.Name, key, plain, at, inner.Length);
        }
        foreach (Match place in Place().Matches(key))
            yield return Name(SpanType.Place, key, plain, place.Groups["span"].Index, place.Groups["span"].Length);
        // Who does what the passage tells: its subject (「數碼港已推行…」, 「香港生產力促進局於 2022 年 9 月推出…」).
        if (Subject().Match(key) is { Success: true } subject)
            yield return Name(SpanType.Name, key, plain, subject.Groups["span"].Index, subject.Groups["span"].Length);
    }

    private static TypedSpan Name(SpanType type, string key, string plain, int start, int length) =>
        new(type, start, plain.Substring(start, length), "", After(key, start + length), Clause(key, start, length), "")
        {
            Sentence = Clauses.Around(key, start, start, sentence: true),
        };

    private const string Region = @"全球|世界|亚洲|亚太区|欧洲|[\p{IsCJKUnifiedIdeographs}]{1,3}(?:和[\p{IsCJKUnifiedIdeographs}]{1,3})?区";

    // Numbers as the text writes them (Simplified in the key): 4,300, 2.12, 两, 五至十, 过百.
    private const string Number = @"(?:\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)";
    private const string Magnitude = @"(?:\s*[万亿])?";
    // "每年 2,000 萬元" is the figure: a rate is part of its phrase.
    private const string Approximately = @"(?:每年|每月|每人|每间|每家|每所)?\s*(?<q>近|约为|约|逾|超过|不少于|不超过|不多于|最多|最少|合共|至少|接近|多于|少于|高达|达|共|过)?\s*";
    // Not the digits of a year or of an ordinal.
    private const string NotPartOfANumber = @"(?<![\d,.第])";

    private static readonly (SpanType Type, Regex Pattern)[] Patterns =
    [
        (SpanType.Ratio, Ratio()),
        (SpanType.Date, Date()),
        (SpanType.Percent, Percent()),
        (SpanType.Money, Money()),
        (SpanType.Area, Area()),
        (SpanType.Rank, Rank()),
        (SpanType.Duration, Duration()),
        (SpanType.Count, Count()),
    ];

    // "1（政府）：2（公司）" (half-width in the key), "一比一"
    [GeneratedRegex(@"\d+\s*\([^)]{1,6}\)\s*:\s*\d+\s*\([^)]{1,6}\)|[一二两三四五六七八九十\d]+\s*比\s*[一二两三四五六七八九十\d]+")]
    private static partial Regex Ratio();

    // "2022 年 12 月", "2024 年年底", "2024/25 年度起", "2023 年 12 月底", "2025 年起", "7 月 25 日"
    [GeneratedRegex(@"(?:\d{4}\s*/\s*\d{2}\s*(?:财政)?年度|\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:年底|年初|年中|年内|底|初|中|内)?|\d{1,2}\s*月\s*\d{1,2}\s*日)(?:起|或之前|前)?")]
    private static partial Regex Date();

    // "约 10%", "超过九成", "99%", "百分之五", "其中一半"
    [GeneratedRegex(Approximately + NotPartOfANumber + @"(?:\d[\d.]*\s*%|百分之[\d一二三四五六七八九十]+|[一二三四五六七八九]成|(?:其中)?一半)")]
    private static partial Regex Percent();

    // "30 亿元", "最多两亿元", "约 8 亿元人民币", "1,600 万元", "过百亿元"
    [GeneratedRegex(Approximately + NotPartOfANumber + @"(?:港币|hk\$|\$)?\s*" + Number + Magnitude + @"\s*(?<unit>港元|美元|元)(?:人民币)?")]
    private static partial Regex Money();

    // "约 100 万平方米", "108,600 平方米"
    [GeneratedRegex(Approximately + NotPartOfANumber + Number + Magnitude + @"\s*(?<unit>平方米|平方尺|平方呎|公顷)")]
    private static partial Regex Area();

    // "亚太区第 4、全球第 10", "亚洲第一，全球第二", "位列全球二十大", "东南亚和大洋洲区第 5": where, then the rank.
    [GeneratedRegex(@"(?:" + Region + @")?第\s*[\d一二三四五六七八九十]+(?:\s*[、,]\s*(?:" + Region + @")第\s*[\d一二三四五六七八九十]+)?|位列[\p{IsCJKUnifiedIdeographs}]{2,6}大")]
    private static partial Regex Rank();

    // "为期三年", "两年", "未来五至十年", "18 个月": a length of time, not a year (2024 年).
    [GeneratedRegex(@"(?<q>为期|未来)?\s*(?<![\d,.第])(?!\d{4}\s*年)(?:\d{1,3}|[一二两三四五六七八九十]+)(?:\s*至\s*(?:\d{1,3}|[一二两三四五六七八九十]+))?\s*(?<unit>个月|年|天|星期|周)(?!度|代|级|底|初|内|中)")]
    private static partial Regex Duration();

    // "近 4,300 间", "超过 1,360 万个", "不少于 100 支", "16 所", "四大": a number with its measure word.
    [GeneratedRegex(Approximately + NotPartOfANumber + @"(?!\d{4}\s*年)" + Number + Magnitude + @"\s*(?<unit>个|间|家|所|宗|项|条|名|座|枚|支|位|只|架|部|款|次|队|台|类|种|届|期|阶段|大(?!学|楼|型|幅))(?:多|余)?")]
    private static partial Regex Count();

    // The start of the passage up to the verb or time that follows its subject.
    [GeneratedRegex(@"^[\s\-*]*(?:根据|由|在)?(?<span>[\p{IsCJKUnifiedIdeographs}A-Za-z]{2,14}?)(?=已|于|将|会|正|亦|的|为|由|向|与|推出|推行|成立|设立|提供|资助|,)")]
    private static partial Regex Subject();

    [GeneratedRegex(@"[「《](?<name>[^「」《》]{2,40})[」》]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\*\*(?<name>.+?)\*\*")]
    private static partial Regex Bold();

    // "位于将军澳创新园的", "在香港科学园设立": where something is, up to what is done there.
    [GeneratedRegex(@"(?:位于|设于|坐落于|座落于|在)(?<span>[\p{IsCJKUnifiedIdeographs}]{2,12}?)(?=的|设立|开设|成立|兴建|落成|提供|投入|,|。)")]
    private static partial Regex Place();
}
