using System.Text.RegularExpressions;
using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Search.Answers;

/// <summary>
/// The short span of a passage that answers a how-many, when or which-rank question ("近 4,300 間初創企業"), shown
/// before the full passage, like the short answers of Azure's custom question answering.
/// </summary>
public static partial class ShortAnswer
{
    /// <summary>The span of <paramref name="passage"/> that gives what the question asks, or null when it has none.
    /// <paramref name="topic"/> is the question's searchable text: where the passage has several figures, the one whose
    /// clause shares most of it wins.</summary>
    public static string? Find(AskedFact asked, string topic, string passage)
    {
        var pattern = asked switch { AskedFact.Quantity => Quantity(), AskedFact.Date => Date(), _ => Rank() };
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

    /// <summary>What a cleaned question asks for, if it is a figure, date or rank.</summary>
    public static AskedFact? AskedIn(string question)
    {
        var text = ChineseText.ComparisonKey(question);
        if (RankQuestion().IsMatch(text))
            return AskedFact.Rank;
        if (DateQuestion().IsMatch(text))
            return AskedFact.Date;
        if (QuantityQuestion().IsMatch(text))
            return AskedFact.Quantity;
        return null;
    }

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

    [GeneratedRegex("几多|多少|几个|几间|几条|几耐|几钱|几大|几成|how many|how much|数量|金额")]
    private static partial Regex QuantityQuestion();

    [GeneratedRegex("几时|何时|什么时候|甚么时候|哪一年|哪年|边年|when|日期")]
    private static partial Regex DateQuestion();

    [GeneratedRegex("排第几|排名|第几|排行|rank")]
    private static partial Regex RankQuestion();

    // "近 4,300 間初創企業", "約 100 萬平方米", "超過九成人口", "30 億元": an optional approximation, a number and what it
    // counts, which ends where a conjunction starts the next item ("超過 900 間駐園區及接近 1,100 間…").
    [GeneratedRegex(@"(?:近|約|逾|超過|不少於|不超過|最多|合共|至少|約為)?\s*(?:\d[\d,.]*\s*(?:萬|億)?|[一二兩三四五六七八九十百千]+(?:萬|億)?)\s*(?:%|個|間|家|所|宗|項|條|名|座|枚|支|成|倍|萬元|億元|元|平方米|港元|人民幣)(?:(?![及和與或])[\p{IsCJKUnifiedIdeographs}A-Za-z]){0,6}")]
    private static partial Regex Quantity();

    // "2024 年年底", "2023 年 10 月", "2024/25 年度"
    [GeneratedRegex(@"\d{4}(?:/\d{2})?\s*年(?:度)?(?:\s*\d{1,2}\s*月)?(?:底|初|內|年底|年初|中)?")]
    private static partial Regex Date();

    // "亞太區第 4、全球第 10", "亞洲第一，全球第二", "位列全球二十大"
    [GeneratedRegex(@"(?:全球|亞洲|世界|[\p{IsCJKUnifiedIdeographs}]{1,6}區)?第\s*[\d一二三四五六七八九十]+(?:[、，]\s*(?:全球|亞洲|世界|[\p{IsCJKUnifiedIdeographs}]{1,6}區)?第\s*[\d一二三四五六七八九十]+)?|位列[\p{IsCJKUnifiedIdeographs}]{2,6}")]
    private static partial Regex Rank();
}
