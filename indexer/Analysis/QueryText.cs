using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HkInnoBot.Indexer.Search;

namespace HkInnoBot.Indexer.Analysis;

/// <summary>
/// Turns what a user typed into the text to search for: safe characters only, Hong Kong Cantonese rewritten as
/// standard written Chinese (the fact sheet's register), and question phrasing removed, since it never appears
/// in the answer.
/// </summary>
public static partial class QueryText
{
    /// <summary>Longer input is cut: a question is short, and the cost of a query grows with its length.</summary>
    public const int MaxLength = 200;

    // Cantonese forms and their written equivalents, longest first where one contains another.
    private static readonly (string Cantonese, string Written)[] CantoneseToWritten =
    [
        ("可唔可以", "可否"), ("夠唔夠", "是否足夠"), ("知唔知", "是否知道"), ("舊年", "去年"), ("琴日", "昨天"),
        ("尋日", "昨天"), ("聽日", "明天"), ("今日", "今天"), ("嗰陣", "那時"), ("嗰時", "那時"), ("咁多", "這麼多"),
        ("屋企", "家"), ("幫手", "幫助"), ("搞掂", "完成"), ("打工仔", "僱員"),
        ("有冇", "有沒有"), ("係咪", "是否"), ("係唔係", "是否"), ("唔係", "不是"), ("乜嘢", "甚麼"), ("咩嘢", "甚麼"),
        ("點樣", "如何"), ("點解", "為何"), ("邊個", "誰"), ("邊度", "哪裡"), ("邊間", "哪間"), ("邊啲", "哪些"),
        ("邊位", "誰"), ("幾多", "多少"), ("幾時", "何時"), ("而家", "現在"), ("佢哋", "他們"), ("我哋", "我們"),
        ("你哋", "你們"), ("呢度", "這裡"), ("嗰度", "那裡"), ("呢個", "這個"), ("嗰個", "那個"), ("得唔得", "可否"),
        ("使唔使", "需否"), ("會唔會", "會否"), ("有無", "有沒有"), ("同埋", "和"), ("入面", "裡面"), ("幾耐", "多久"),
        ("幾大", "多大"), ("唔使", "不用"), ("咩事", "甚麼事"), ("喺度", "在"), ("嘅", "的"), ("咗", "了"), ("喺", "在"), ("冇", "沒有"),
        ("係", "是"), ("咩", "甚麼"), ("乜", "甚麼"), ("唔", "不"), ("搵", "找"), ("睇", "看"), ("俾", "給"),
        ("畀", "給"), ("攞", "取"), ("嚟", "來"), ("佢", "他"), ("哋", "們"), ("嗰", "那"), ("咁", "這樣"), ("噉", "這樣"),
        ("啲", "些"), ("嘢", "東西"), ("揾", "找"), ("諗", "想"), ("揀", "選"), ("仲", "還"), ("搞", "做"), ("晒", " "),
    ];

    // Question phrasing in written Chinese (after the Cantonese rewrite). Only multi-character phrases are removed
    // from inside the text: a single character may be part of a content word.
    private static readonly string[] QuestionPhrases =
    [
        "請問", "想問", "我想知道", "想知道", "我想知", "有沒有", "是不是", "是否", "可不可以", "能不能", "甚麼時候",
        "什麼時候", "甚麼", "什麼", "多少", "多久", "何時", "如何", "怎樣", "怎麼", "為何", "為什麼", "哪裡", "哪裏",
        "哪兒", "哪些", "哪個", "哪間", "哪類", "哪一", "會否", "可否", "請告訴我", "告訴我", "介紹一下", "一下",
    ];

    // Sentence-final particles and punctuation, trimmed before the rewrite (Cantonese 嚟, 㗎, 未) and after it, when
    // also a 是 left by a removed question phrase goes (係咩 → 是甚麼 → 是). Not 的 or 了: they end words (目的).
    private static readonly char[] Trailing = "嗎呢吧呀啊嘛喎囉啦咧嚟㗎吖喇咋噃未 ?？!！。.,，~～".ToCharArray();
    private static readonly char[] TrailingAfterRemoval = [.. Trailing, '是'];

    public static string Prepare(string question, QueryFeatures features = QueryFeatures.All)
    {
        var text = Clean(question);
        if (features.HasFlag(QueryFeatures.QuestionWords))
            text = text.TrimEnd(Trailing);
        if (features.HasFlag(QueryFeatures.Cantonese))
            text = ToWritten(text);
        if (features.HasFlag(QueryFeatures.QuestionWords))
        {
            foreach (var phrase in QuestionPhrasesBothScripts)
                text = text.Replace(phrase, " ", StringComparison.Ordinal);
            text = text.TrimEnd(TrailingAfterRemoval);
        }
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>Rewrites the Cantonese forms, except inside standard written words that contain the same characters
    /// (關係 is not 關是, 唔該 is thanks, 仲裁 is arbitration).</summary>
    private static string ToWritten(string text) => string.Concat(WrittenWordsContainingCantonese().Split(text).Select((part, i) =>
        i % 2 == 1 ? part : CantoneseToWrittenBothScripts.Aggregate(part, (current, rule) => current.Replace(rule.Item1, rule.Item2, StringComparison.Ordinal))));

    [GeneratedRegex("(關係|关系|聯係|係數|系数|唔該|唔该|仲裁|仲介|伯仲|仲夏)")]
    private static partial Regex WrittenWordsContainingCantonese();

    /// <summary>
    /// The question as searched: control and invisible format characters (NUL, zero-width spaces, direction marks)
    /// become spaces, runs of spaces one, and it is cut to <see cref="MaxLength"/> characters, never inside a character.
    /// </summary>
    public static string Clean(string? question)
    {
        var text = Tidy(question);
        if (text.Length <= MaxLength)
            return text;
        return text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)];
    }

    /// <summary>Whether <see cref="Clean"/> cuts the question.</summary>
    public static bool IsTooLong(string? question) => Tidy(question).Length > MaxLength;

    // Only the start is read: whatever follows many screens of text is not part of a question.
    private static string Tidy(string? question)
    {
        if (string.IsNullOrEmpty(question))
            return "";
        var builder = new StringBuilder();
        foreach (var rune in question.AsSpan(0, Math.Min(question.Length, 16 * MaxLength)).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            builder.Append(category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse ? " " : rune.ToString());
        }
        return Whitespace().Replace(builder.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // Users type Cantonese and question words in either script.
    private static readonly (string, string)[] CantoneseToWrittenBothScripts = CantoneseToWritten
        .SelectMany(pair => pair.Cantonese.Length > 1
            ? new[] { pair, (ChineseText.ToSimplified(pair.Cantonese), pair.Written) }
            : [pair])
        .DistinctBy(pair => pair.Item1)
        .ToArray();

    private static readonly string[] QuestionPhrasesBothScripts = QuestionPhrases
        .SelectMany(phrase => new[] { phrase, ChineseText.ToSimplified(phrase) })
        .Distinct()
        .OrderByDescending(phrase => phrase.Length)
        .ToArray();
}
