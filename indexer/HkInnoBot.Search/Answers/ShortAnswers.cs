using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Models;
using HkInnoBot.Search.Ranking;

namespace HkInnoBot.Search.Answers;

/// <summary>A span chosen for a part of a question, with the short-answer model's probability that it is the fact asked.</summary>
public sealed record ShortChoice(AskedPart Part, TypedSpan Span, double Probability);

/// <summary>What the short answer gives for one part of a question: the span shown, or null where the passage gives
/// none the model is sure enough of, and the model's probability for the best span. <paramref name="InPassage"/>: the
/// passage has a span of a kind that could give it at all; where it has none, the text does not give that part.</summary>
public sealed record ShortPart(AskedFact Kind, string? Text, double Probability, bool InPassage = true);

/// <summary>
/// The short answer: for each thing a question asks (<see cref="Facts.PartsOf"/>), the fact of the passage
/// (<see cref="TypedSpans"/>) that gives it. Which span fits is scored by the short-answer model from what the span is
/// (its type, its measure word, what follows it) and where it stands (whether its clause holds the question's words,
/// a limit or a "per" when those are asked, the year asked): 「每家企業最多可獲多少資助？」 takes 最多兩億元, not the
/// scheme's 100 億元. Below the model's threshold a part gets no short answer: the passage alone is better than a wrong
/// figure in bold.
/// </summary>
public static class ShortAnswers
{
    /// <summary>What the model reads of a span for a part, in this order.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
    [
        "type asked", "type possible", "measure word alike", "measure word unlike", "count asked, not a count",
        "counted noun follows", "part's words in clause", "question's words in clause", "heaviest word in clause",
        "limit asked and given", "limit asked, not given", "per asked and given", "per given, not asked",
        "year asked in clause", "year asked, not in clause", "first of its type", "others of its type", "approximate",
        "a name", "English question", "clause below the best", "distance to the question's words", "counted noun differs",
        "year asked just before", "part's words right after", "part's words in sentence", "least asked and given",
    ];

    /// <summary>For each part, its best span and that span's probability; parts with no span of a possible type are left
    /// out. A span answers one part only.</summary>
    internal static IReadOnlyList<ShortChoice> Choose(Evidence.Asked asked, StoredPassage passage, DecisionModel model)
    {
        var parts = asked.Question.Parts;
        var choices = new List<ShortChoice>(parts.Count);
        Span<double> values = stackalloc double[FeatureNames.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            ShortChoice? best = null;
            var view = new PartView(part, asked.PartWords[p], passage, asked.Mentions);
            foreach (var span in passage.Spans)
            {
                if (!IsPossible(part.Kind, span.Type) || choices.Exists(choice => choice.Span == span))
                    continue;
                Features(view, span, asked.Latin, values);
                var probability = model.Probability(values);
                if (best is null || probability > best.Probability)
                    best = new ShortChoice(part, span, probability);
            }
            if (best is not null)
                choices.Add(best);
        }
        return choices;
    }

    /// <summary>The short answer, part by part in the order asked: the chosen span where the model is sure enough of it,
    /// none where it is not (the passage alone is better than a wrong figure in bold).</summary>
    public static IReadOnlyList<ShortPart> Parts(IReadOnlyList<AskedPart> parts, IReadOnlyList<ShortChoice> choices, DecisionModel model) =>
        [.. parts.Select(part => choices.FirstOrDefault(choice => choice.Part == part) is { } chosen
            ? new ShortPart(part.Kind, chosen.Probability >= model.Threshold ? chosen.Span.Text : null, chosen.Probability)
            : new ShortPart(part.Kind, null, 0, InPassage: false))];

    /// <summary>The parts given, as one line (「2 億元；26 間」); null when no part is.</summary>
    public static string? Text(IReadOnlyList<ShortPart> parts) =>
        parts.Where(part => part.Text is not null).Select(part => part.Text).ToList() is { Count: > 0 } shown ? string.Join("；", shown) : null;

    /// <summary>The kinds of span that can give a kind of fact: the one it asks for first, then others that sometimes
    /// do (「幾多」 is answered by a count, but also by a sum, an area or a share).</summary>
    private static (SpanType[] Asked, SpanType[] Possible) TypesFor(AskedFact kind) => Types[(int)kind];

    private static readonly (SpanType[] Asked, SpanType[] Possible)[] Types = [.. Enum.GetValues<AskedFact>().Select(kind => kind switch
    {
        AskedFact.Money => ([SpanType.Money], []),
        AskedFact.Quantity => ([SpanType.Count], [SpanType.Money, SpanType.Area, SpanType.Percent, SpanType.Duration]),
        AskedFact.Rate => ([SpanType.Percent], [SpanType.Ratio]),
        AskedFact.Ratio => ([SpanType.Ratio], [SpanType.Percent]),
        AskedFact.Area => ([SpanType.Area], [SpanType.Count]),
        AskedFact.Duration => ([SpanType.Duration], [SpanType.Date]),
        AskedFact.Rank => ([SpanType.Rank], [SpanType.Count]),
        AskedFact.Date => ([SpanType.Date], [SpanType.Duration]),
        // A closing date, or a person, is rarely what a policy text gives; a date or a named post only sometimes is.
        AskedFact.Deadline => ([], [SpanType.Date]),
        AskedFact.Person => ([], [SpanType.Name]),
        AskedFact.Name => ([SpanType.Name], [SpanType.Place]),
        AskedFact.Place => ([SpanType.Place], [SpanType.Name]),
        AskedFact.Address => ([], [SpanType.Place]),
        _ => ((SpanType[])[], (SpanType[])[]),
    })];

    internal static bool IsPossible(AskedFact kind, SpanType type) =>
        TypesFor(kind) is var (asked, possible) && (asked.Contains(type) || possible.Contains(type));

    internal static bool IsAsked(AskedFact kind, SpanType type) => TypesFor(kind).Asked.Contains(type);

    // Measure words that count the same things: companies and bodies (間, 家, 所, 個), items (項, 宗, 個, 條), people.
    private static readonly string[][] MeasureClasses = [["间", "家", "所", "个", "支", "队"], ["项", "宗", "个", "条", "类", "种"], ["名", "位", "人", "个"]];

    /// <summary>A part of a question as the spans of one passage are weighed for it: the question's words the part holds,
    /// how much of them the best clause of the passage holds, and where they stand in the passage.</summary>
    internal sealed class PartView
    {
        public PartView(AskedPart part, List<PassageQuery.Mention> partMentions, StoredPassage passage, IReadOnlyList<PassageQuery.Mention> mentions)
        {
            (Part, PartMentions, Passage, Mentions) = (part, partMentions, passage, mentions);
            BestClause = passage.Spans.Where(span => IsPossible(part.Kind, span.Type)).Select(span => HeldShare(mentions, span.Clause)).DefaultIfEmpty(0).Max();
            var key = passage.PlainKey;
            foreach (var mention in PartMentions.Count > 0 ? PartMentions : mentions)
                foreach (var form in mention.Forms)
                    for (var at = key.IndexOf(form, StringComparison.Ordinal); at >= 0 && form.Length > 0; at = key.IndexOf(form, at + 1, StringComparison.Ordinal))
                        Words.Add((at, at + form.Length));
        }

        public AskedPart Part { get; }
        public StoredPassage Passage { get; }
        public IReadOnlyList<PassageQuery.Mention> Mentions { get; }
        public List<PassageQuery.Mention> PartMentions { get; }
        public double BestClause { get; }

        /// <summary>Where the part's words (or, when it has none of its own, the question's) stand in the passage.</summary>
        public List<(int Start, int End)> Words { get; } = [];

        /// <summary>Characters between a span and the nearest of those words; the passage's length when none is held.</summary>
        public int Distance(TypedSpan span)
        {
            var (start, end) = (span.Start, span.Start + span.Text.Length);
            return Words.Count == 0 ? Passage.PlainKey.Length
                : Words.Min(word => word.End <= start ? start - word.End : word.Start >= end ? word.Start - end : 0);
        }
    }

    /// <summary>The question's words that a part holds.</summary>
    internal static List<PassageQuery.Mention> MentionsOf(AskedPart part, IReadOnlyList<PassageQuery.Mention> mentions)
    {
        var partKey = ChineseText.ComparisonKey(part.Text);
        return [.. mentions.Where(mention => IsHeld(mention, partKey) || partKey.Contains(ChineseText.ComparisonKey(mention.Surface), StringComparison.Ordinal))];
    }

    /// <summary>What the model reads of a span for a part (<see cref="FeatureNames"/>); <paramref name="latin"/> is the
    /// question's share of Latin letters.</summary>
    internal static void Features(PartView view, TypedSpan span, double latin, Span<double> into)
    {
        var (part, passage, mentions, partMentions) = (view.Part, view.Passage, view.Mentions, view.PartMentions);
        var clause = span.Clause;
        var (asked, _) = TypesFor(part.Kind);
        var limitGiven = span.Qualifier is "最多" or "不超过" or "不多于" || clause.Contains("最多") || clause.Contains("上限") || clause.Contains("最高");
        var perGiven = clause.Contains('每') || clause.Contains('各');
        var yearInClause = part.Years.Any(year => clause.Contains(year, StringComparison.Ordinal) || span.Text.Contains(year, StringComparison.Ordinal));

        into[0] = asked.Contains(span.Type) ? 1 : 0;
        into[1] = IsPossible(part.Kind, span.Type) && !asked.Contains(span.Type) ? 1 : 0;
        // Which measure word the asker picks is theirs (家, 間, 個 and 所 all count companies): alike or not is what counts.
        var alike = span.Unit == part.MeasureWord || MeasureClasses.Any(words => words.Contains(part.MeasureWord) && words.Contains(span.Unit));
        into[2] = part.MeasureWord.Length > 0 && span.Type == SpanType.Count && alike ? 1 : 0;
        into[3] = part.MeasureWord.Length > 0 && span.Type == SpanType.Count && !alike ? 1 : 0;
        into[4] = part.MeasureWord.Length > 0 && span.Type != SpanType.Count ? 1 : 0;
        // The noun counted follows the figure, inside the span when it is a short phrase of its own (近 4,300 間初創企業).
        var counted = span.Type == SpanType.Count && part.Noun.Length >= 2 ? SharedPairs(part.Noun, ChineseText.ComparisonKey(span.Text) + span.After) : 0;
        into[5] = counted;
        into[6] = HeldShare(partMentions, clause);
        into[7] = HeldShare(mentions, clause);
        into[8] = mentions.MaxBy(mention => mention.Weight) is { } heaviest && IsHeld(heaviest, clause) ? 1 : 0;
        into[9] = part.Limit && limitGiven ? 1 : 0;
        into[10] = part.Limit && !limitGiven ? 1 : 0;
        into[11] = part.PerUnit && perGiven ? 1 : 0;
        into[12] = !part.PerUnit && perGiven ? 1 : 0;
        into[13] = yearInClause ? 1 : 0;
        into[14] = part.Years.Count > 0 && !yearInClause ? 1 : 0;
        into[15] = span.FirstOfItsType ? 1 : 0;
        into[16] = Math.Log(span.OfItsType);
        into[17] = span.Qualifier.Length > 0 ? 1 : 0;
        into[18] = span.Type is SpanType.Name or SpanType.Place ? 1 : 0;
        into[19] = latin;
        into[20] = view.BestClause - into[7];
        into[21] = Math.Log(1 + view.Distance(span));
        into[22] = span.Type == SpanType.Count && part.Noun.Length >= 2 && counted == 0 ? 1 : 0;
        // 「較 2019 年約 3,200 間」: the year asked stands right before the figure of that year.
        var before = passage.PlainKey.Substring(Math.Max(0, span.Start - 12), Math.Min(12, span.Start));
        into[23] = part.Years.Any(year => before.Contains(year, StringComparison.Ordinal) || span.Text.Contains(year, StringComparison.Ordinal)) ? 1 : 0;
        into[24] = HeldShare(partMentions, span.After);
        into[25] = HeldShare(partMentions, span.Sentence);
        into[26] = part.Least && span.Qualifier is "至少" or "不少于" or "最少" ? 1 : 0;
    }

    /// <summary>The share of the question's weight whose words (in any form the synonyms give) the text holds.</summary>
    internal static double HeldShare(IReadOnlyList<PassageQuery.Mention> mentions, string key)
    {
        double total = 0, held = 0;
        foreach (var mention in mentions)
        {
            total += mention.Weight;
            if (IsHeld(mention, key))
                held += mention.Weight;
        }
        return total <= 0 ? 0 : held / total;
    }

    internal static bool IsHeld(PassageQuery.Mention mention, string key)
    {
        foreach (var form in mention.Forms)
            if (key.Contains(form, StringComparison.Ordinal))
                return true;
        return false;
    }

    // The share of a word's character pairs found in the text: 公司 in 科技公司, 初创 in 初创企业.
    private static double SharedPairs(string word, string key)
    {
        if (word.Length < 2)
            return 0;
        var pairs = word.Length - 1;
        var found = 0;
        for (var i = 0; i < pairs; i++)
            if (key.Contains(word.AsSpan(i, 2), StringComparison.Ordinal))
                found++;
        return (double)found / pairs;
    }
}
