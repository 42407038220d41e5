using System.Text.RegularExpressions;
using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Search.Answers;

/// <summary>The kind of fact a question asks for, when it asks for a particular one.</summary>
public enum AskedFact { Contact, Address, Time, Rate, Money, Rank, Deadline, Date, Person, Place, Quantity }

/// <summary>
/// What a question asks for, whether a passage gives a fact of that kind, and the short span that gives it
/// ("近 4,300 間初創企業"), shown before the full passage like the short answers of Azure's custom question answering.
/// The words that ask are data (<c>Language/asked-facts.txt</c>); what a fact of each kind looks like in the text is
/// below.
/// </summary>
public static partial class Facts
{
    // Each kind with its groups of cues: a question asks for the kind when it holds a cue of every group, and none of a
    // group of words marked "!".
    private static readonly (AskedFact Kind, string[][] Groups)[] Cues = [.. WordList.Read("asked-facts.txt").Select(line =>
    {
        var (kind, cues) = (line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..]);
        return (Enum.Parse<AskedFact>(kind, ignoreCase: true), cues.Split('|')
            .Select(group => group.Split(',').Select(cue => ChineseText.ComparisonKey(cue.Trim())).Where(cue => cue.Length > 0).ToArray())
            .ToArray());
    })];

    /// <summary>What a cleaned question asks for, or null when it asks for an explanation or a yes or no.</summary>
    public static AskedFact? AskedIn(string question)
    {
        var text = ChineseText.ComparisonKey(question);
        bool Holds(string cue) => ChineseText.HoldsWord(text, cue.TrimStart('='));
        foreach (var (kind, groups) in Cues)
            if (groups.All(cues => cues[0].StartsWith('!') ? !cues.Any(cue => Holds(cue[1..])) : cues.Any(Holds)))
                return kind;
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

    private static readonly string[] Named = [.. Cues.SelectMany(line => line.Groups).SelectMany(cues => cues)
        .Where(cue => cue.StartsWith('=')).Select(cue => cue[1..]).Distinct()];

    /// <summary>Whether the passage gives a fact of the kind the question asks at all; a passage about the topic that does
    /// not is related to the question, not its answer. The thing asked about (<paramref name="about"/>, in any of its
    /// forms) must be named in it, and a figure asked "per" something (每月, 每間, 每個項目) is given only where the
    /// passage counts per something too (每, 各). A count asked with its measure word (多少個項目, 幾多間) is given by a number with one
    /// (26 間公司), a share (九成) or a rank, not by a sum of money (10 億元) or a year.</summary>
    public static bool IsGivenIn(AskedFact? asked, IReadOnlyList<string>? about, string question, string passage) =>
        (asked is null || Pattern(asked.Value).IsMatch(passage))
        && (about is null || ChineseText.ComparisonKey(passage) is var key && about.Any(form => key.Contains(form, StringComparison.Ordinal)))
        && (asked is not (AskedFact.Quantity or AskedFact.Money or AskedFact.Rate) || !PerUnit().IsMatch(question) || PerUnit().IsMatch(passage))
        && (asked != AskedFact.Quantity || !CountAsked().IsMatch(ChineseText.ComparisonKey(question))
            || Count().IsMatch(passage) || Rate().IsMatch(passage) || Rank().IsMatch(passage));

    /// <summary>The span of <paramref name="passage"/> that gives what the question asks, or null when it has none or the
    /// kind has no short form. <paramref name="topic"/> is the question's searchable text: where the passage has several
    /// candidates, the one whose clause shares most of it wins.</summary>
    public static string? ShortAnswer(AskedFact asked, string topic, string passage)
    {
        if (asked is AskedFact.Contact or AskedFact.Address or AskedFact.Person or AskedFact.Place or AskedFact.Deadline)
            return null;
        var pattern = asked == AskedFact.Quantity ? Quantity() : Pattern(asked);
        var key = ChineseText.NormalizeForSearch(topic);
        string? best = null;
        var bestOverlap = -1;
        foreach (Match match in pattern.Matches(passage))
        {
            var overlap = Overlap(key, ChineseText.NormalizeForSearch(Clause(passage, match)));
            if (overlap > bestOverlap)
                (best, bestOverlap) = (match.Value.Trim(), overlap);
        }
        return best;
    }

    private static Regex Pattern(AskedFact asked) => asked switch
    {
        AskedFact.Quantity => Number(),
        AskedFact.Contact => Contact(),
        AskedFact.Address => Address(),
        AskedFact.Time => Time(),
        AskedFact.Money => Money(),
        AskedFact.Rate => Rate(),
        AskedFact.Rank => Rank(),
        AskedFact.Deadline => Deadline(),
        AskedFact.Date => Date(),
        AskedFact.Person => Person(),
        AskedFact.Place => Place(),
        _ => throw new ArgumentOutOfRangeException(nameof(asked)),
    };

    /// <summary>The clause around a match, which says what the figure counts.</summary>
    private static string Clause(string passage, Match match)
    {
        var start = passage.LastIndexOfAny(ClauseBreaks, match.Index) + 1;
        var end = passage.IndexOfAny(ClauseBreaks, match.Index + match.Length);
        return passage[start..(end < 0 ? passage.Length : end)];
    }

    private static readonly char[] ClauseBreaks = "，。；（）".ToCharArray();

    // Characters of the question's topic found in the clause, as pairs, so that "初创企业" beats a lone "企".
    private static int Overlap(string topic, string clause) =>
        Enumerable.Range(0, Math.Max(0, topic.Length - 1)).Count(i => clause.Contains(topic.Substring(i, 2), StringComparison.Ordinal));

    // "近 4,300 間初創企業", "約 100 萬平方米", "超過九成人口": an optional approximation, a number and what it counts,
    // which ends where a conjunction starts the next item ("超過 900 間駐園區及接近 1,100 間…").
    [GeneratedRegex(@"(?:近|約|逾|超過|不少於|不超過|最多|合共|至少|約為)?\s*(?:\d[\d,.]*\s*(?:萬|億)?|[一二兩三四五六七八九十百千]+(?:萬|億)?)\s*(?:%|個|間|家|所|宗|項|條|名|座|枚|支|成|倍|萬元|億元|元|平方米|港元|人民幣)(?:(?![及和與或])[\p{IsCJKUnifiedIdeographs}A-Za-z]){0,6}")]
    private static partial Regex Quantity();

    // "30 億元", "每年 2,000 萬元", "約 8 億元人民幣", "最多兩億元"
    [GeneratedRegex(@"(?:近|約|逾|超過|不超過|最多|合共|至少)?\s*(?:HK\$\s*|港幣\s*|\$\s*)?(?:\d[\d,.]*|[一二兩三四五六七八九十百千]+)\s*(?:萬|億)?\s*(?:元|港元|美元)(?:人民幣)?")]
    private static partial Regex Money();

    // "九成", "30%", "2.5 厘", "百分之五"
    [GeneratedRegex(@"\d[\d.]*\s*(?:%|厘)|百分之[\d一二三四五六七八九十]+|[一二三四五六七八九]成")]
    private static partial Regex Rate();

    // Any number a count, length or size can be given by: digits, or Chinese numerals with what they count ("五至十年",
    // "兩億元", "1（政府）：1（企業）" has digits), but not a year (2024 年) or an ordinal (第一座), which count nothing.
    // Wider than the short answer's pattern, which must read well alone.
    [GeneratedRegex(@"(?<![\d第])(?!\d{4}\s*年)\d|(?<!第)[一二兩三四五六七八九十百千]+\s*(?:個|間|家|所|宗|項|條|名|座|枚|支|成|倍|年|月|日|天|次|人|位|萬|億|元|屆|期|大)")]
    private static partial Regex Number();

    // "2024 年年底", "2023 年 10 月", "2024/25 年度", "7 月 25 日"
    [GeneratedRegex(@"\d{4}(?:/\d{2})?\s*年(?:度)?(?:\s*\d{1,2}\s*月)?(?:底|初|內|年底|年初|中)?|\d{1,2}\s*月\s*\d{1,2}\s*日")]
    private static partial Regex Date();

    // A closing date, not any date: 截至 ("as of") is not 截止.
    [GeneratedRegex(@"截止|限期|deadline", RegexOptions.IgnoreCase)]
    private static partial Regex Deadline();

    // 多少個, 幾多間, 几多宗 (compared in Simplified): a count of things, asked with their measure word.
    [GeneratedRegex(@"(?:几多|多少|几)\s*(?:个|间|家|所|宗|项|条|名|座|枚|支|位|人|只|架|部|款|次|队|支)")]
    private static partial Regex CountAsked();

    // A number with a measure word: 26 間, 約 500 個, 兩所, 逾 1,500 家 (a year or an ordinal counts nothing).
    [GeneratedRegex(@"(?:(?<![\d第])(?!\d{4}\s*年)\d[\d,.]*|(?<!第)[一二兩三四五六七八九十百千]+)\s*(?:萬|億)?\s*(?:個|間|家|所|宗|項|條|名|座|枚|支|位|人|隻|架|部|款|次|隊)")]
    private static partial Regex Count();

    // "每月", "每間公司", "每個項目", "各提供": a figure per something.
    [GeneratedRegex(@"每\s*[\d一二兩三四五六七八九十]*\s*[\p{IsCJKUnifiedIdeographs}]|各[\p{IsCJKUnifiedIdeographs}]|per |each ")]
    private static partial Regex PerUnit();

    // "上午 9 時", "9:30"
    [GeneratedRegex(@"\d{1,2}\s*[:：]\s*\d{2}|[上下]午\s*\d{1,2}\s*(?:時|點)|\d{1,2}\s*(?:時|點)(?:\s*\d{1,2}\s*分)?")]
    private static partial Regex Time();

    // "亞太區第 4、全球第 10", "亞洲第一，全球第二", "位列全球二十大"
    [GeneratedRegex(@"(?:全球|亞洲|世界|[\p{IsCJKUnifiedIdeographs}]{1,6}區)?第\s*[\d一二三四五六七八九十]+(?:[、，]\s*(?:全球|亞洲|世界|[\p{IsCJKUnifiedIdeographs}]{1,6}區)?第\s*[\d一二三四五六七八九十]+)?|位列[\p{IsCJKUnifiedIdeographs}]{2,6}|首[個間家位所座]|榜首|前\s*[\d一二三四五六七八九十]+")]
    private static partial Regex Rank();

    // A telephone number, a web or e-mail address.
    [GeneratedRegex(@"\d{4}\s?\d{4}|www\.|https?://|\.gov\.hk|\.com|@[\w.]+\.[a-z]{2,}")]
    private static partial Regex Contact();

    // A street address: a number on a road, street or building.
    [GeneratedRegex(@"\d+\s*號|[道路街]\s*\d+|\d+\s*(?:Road|Street|Avenue)")]
    private static partial Regex Address();

    // A named person: a name before a title, or a Latin full name.
    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]{2,3}(?:先生|女士|教授|博士)|[A-Z][a-z]+ [A-Z][a-z]+")]
    private static partial Regex Person();

    // Somewhere more particular than Hong Kong: a district, island, bay, village, road or a named site.
    [GeneratedRegex(@"位於|設於|設在|坐落|座落|選址|[\p{IsCJKUnifiedIdeographs}]{1,4}(?:區|島|灣|村|邨|道|路|街)")]
    private static partial Regex Place();
}
