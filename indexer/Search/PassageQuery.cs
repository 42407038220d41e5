using System.Collections.Concurrent;
using HkInnoBot.Indexer.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HkInnoBot.Indexer.Search;

/// <summary>
/// A question as Lucene sees it. The question is cut into units of meaning: each term of both fields, and each phrase
/// the synonyms know, whose alternatives compete in a DisjunctionMaxQuery. Every unit is weighted by its inverse
/// document frequency, which also gives the confidence of a passage: the share of the question's weight it covers.
/// Runs of three or more characters also score as phrases, so words in the question's order rank higher.
/// </summary>
internal sealed class PassageQuery
{
    // Words that carry no topic; in the bigram field, pairs that touch them are dropped too ("港的", "是甚").
    private static readonly HashSet<string> FunctionWords =
    [
        "的", "了", "是", "在", "有", "和", "与", "及", "或", "吗", "呢", "吧", "啊", "呀", "么", "嘛", "我", "你", "他",
        "她", "们", "这", "那", "个", "些", "想", "请", "问", "会", "要", "能", "可以", "可", "不", "没有", "没", "给",
        "里面", "里", "现在", "谁", "哪", "多", "几", "样", "来", "做", "用", "对", "于", "把", "被", "就", "都", "也", "还",
    ];

    // Measure words ("幾多間" leaves 間), light verbs and conjunctions (搵 → 找, 攞 → 取, 同) on their own; inside a
    // word they are content (国家, 研究所, 共同, 合同), so unlike the function words above they do not drop the pairs
    // that contain them.
    private static readonly HashSet<string> StandaloneWords =
    [
        "间", "家", "所", "宗", "项", "条", "名", "位", "座", "次", "种", "只", "件", "单", "去", "取", "同", "找", "知道", "了解",
    ];

    // English question and function words, for questions asked in English or with English mixed in.
    private static readonly HashSet<string> EnglishFunctionWords =
    [
        .. Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet.Select(word => word.ToString()!),
        "how", "what", "when", "which", "who", "whom", "where", "why", "many", "much", "does", "do", "did", "is", "are",
        "was", "were", "can", "could", "has", "have", "had", "any", "about", "there", "now",
    ];

    private static readonly string[] Fields = [ChineseAnalysis.WordsField, ChineseAnalysis.BigramsField];
    private const float PhraseBoost = 0.5f;

    internal sealed record WeightedTerm(string Field, string Text, double Idf);

    /// <summary>
    /// The terms of synonym alternatives, analysed once per index instead of for every question that names them
    /// (most of a query's cost otherwise). Bounded by the synonyms file; one per searcher, shared by its threads.
    /// </summary>
    public sealed class AlternativesCache
    {
        private readonly ConcurrentDictionary<(string Alternative, bool TopicalOnly), List<WeightedTerm>> terms = new();

        internal List<WeightedTerm> TermsOf(Analyzer analyzer, IndexReader reader, string alternative, Func<string, string, bool> keep) =>
            terms.GetOrAdd((alternative, keep == Topical), key => PassageQuery.TermsOf(analyzer, reader, key.Alternative, keep));
    }

    /// <summary>A term, or a known phrase with its synonyms: covered as far as its best-covered alternative is.</summary>
    private sealed record Unit(IReadOnlyList<IReadOnlyList<WeightedTerm>> Alternatives)
    {
        public double Weight { get; } = Alternatives.Average(a => a.Sum(t => t.Idf));
    }

    private readonly IReadOnlyList<Unit> units;

    private PassageQuery(Query ranking, Query highlighting, IReadOnlyList<Unit> units)
    {
        Ranking = ranking;
        Highlighting = highlighting;
        this.units = units;
    }

    /// <summary>What ranks the passages.</summary>
    public Query Ranking { get; }

    /// <summary>The word-field terms of every alternative. Words, not bigrams: the highlighter merges overlapping
    /// tokens into one span, so two bigrams matched far apart in a run of Chinese would bold everything between.</summary>
    public Query Highlighting { get; }

    /// <summary>Null when the question has no searchable term (empty, punctuation, emoji, only question words).</summary>
    public static PassageQuery? Build(Analyzer analyzer, IndexSearcher searcher, Synonyms synonyms, QueryFeatures features,
        AlternativesCache cache, string question)
    {
        var text = QueryText.Prepare(question, features);
        var topical = features.HasFlag(QueryFeatures.QuestionWords) ? Topical : Everything;
        var phrases = features.HasFlag(QueryFeatures.Synonyms) ? synonyms.Find(text) : [];
        var rest = phrases.Aggregate(text, (remaining, found) => remaining.Replace(found.Phrase, " "));

        // Ranking uses every term of the question; the confidence only its topical ones, so that 的 or 有 in a
        // passage neither earn nor dilute it.
        var judged = Units(analyzer, searcher.IndexReader, cache, rest, phrases, topical);
        if (judged.Count == 0)
            return null;
        var ranked = topical == Everything ? judged : Units(analyzer, searcher.IndexReader, cache, rest, phrases, Everything);

        var lucene = new BooleanQuery();
        foreach (var unit in ranked)
            lucene.Add(Disjunction(unit.Alternatives.Select(a => Any(a))), Occur.SHOULD);
        var highlighting = new BooleanQuery();
        foreach (var term in judged.SelectMany(unit => unit.Alternatives).SelectMany(a => a).Where(t => t.Field == ChineseAnalysis.WordsField))
            highlighting.Add(new TermQuery(new Term(term.Field, term.Text)), Occur.SHOULD);
        if (features.HasFlag(QueryFeatures.OrderedRuns))
            foreach (var phrase in OrderedRuns(analyzer, text, topical))
                lucene.Add(phrase, Occur.SHOULD);
        return new PassageQuery(lucene, highlighting, judged);
    }

    /// <summary>A unit per term of <paramref name="rest"/>, and one per synonym phrase with its alternatives.</summary>
    private static List<Unit> Units(Analyzer analyzer, IndexReader reader, AlternativesCache cache, string rest,
        IReadOnlyList<(string Phrase, IReadOnlyList<string> Alternatives)> phrases, Func<string, string, bool> keep)
    {
        var units = TermsOf(analyzer, reader, rest, keep).Select(term => new Unit([[term]])).ToList();
        units.AddRange(phrases
            .Select(found => found.Alternatives.Select(a => cache.TermsOf(analyzer, reader, a, keep)).Where(a => a.Count > 0).ToList())
            .Where(alternatives => alternatives.Count > 0)
            .Select(alternatives => new Unit(alternatives)));
        return units;
    }

    /// <summary>
    /// The share of the question's weight that passage <paramref name="doc"/> covers, in [0, 1]. A passage covers the
    /// question's character pairs, which match whatever the segmentation; the question's words weigh only in the whole,
    /// where a word the text never uses (書簿, 公屋) weighs most, so questions about what the text lacks score low.
    /// Measured against counting covered words too, this separates off-topic questions far better (README).
    /// </summary>
    public double Confidence(IndexReader reader, int doc)
    {
        bool Contains(WeightedTerm term) => term.Field == ChineseAnalysis.BigramsField && PassagesWith(reader, term).Contains(doc);

        var covered = units.Sum(unit => unit.Weight * unit.Alternatives.Max(a => a.Where(Contains).Sum(t => t.Idf) / a.Sum(t => t.Idf)));
        return covered / units.Sum(unit => unit.Weight);
    }

    // Read from the postings once per question and term, then shared by every passage the question is judged on.
    private readonly Dictionary<WeightedTerm, HashSet<int>> passagesWith = [];

    private HashSet<int> PassagesWith(IndexReader reader, WeightedTerm term)
    {
        if (passagesWith.TryGetValue(term, out var passages))
            return passages;
        passages = [];
        var postings = MultiFields.GetTermDocsEnum(reader, MultiFields.GetLiveDocs(reader), term.Field, new BytesRef(term.Text));
        while (postings is not null && postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            passages.Add(postings.DocID);
        return passagesWith[term] = passages;
    }

    private static List<WeightedTerm> TermsOf(Analyzer analyzer, IndexReader reader, string text, Func<string, string, bool> topical)
    {
        var terms = new List<WeightedTerm>();
        foreach (var field in Fields)
        foreach (var term in ChineseAnalysis.Terms(analyzer, field, text).Where(t => topical(field, t)))
        {
            var frequency = reader.DocFreq(new Term(field, term));
            // A pair of characters that occurs nowhere straddles two words of the question: noise, not missing content.
            // A whole word that occurs nowhere is content the text lacks, and counts against the confidence.
            if (frequency > 0 || field == ChineseAnalysis.WordsField)
                terms.Add(new WeightedTerm(field, term, Idf(frequency, reader.NumDocs)));
        }
        return terms;
    }

    /// <summary>Each pair of adjacent bigrams of a run, i.e. three characters in order, as a phrase.</summary>
    private static IEnumerable<Query> OrderedRuns(Analyzer analyzer, string text, Func<string, string, bool> topical)
    {
        using var stream = analyzer.GetTokenStream(ChineseAnalysis.BigramsField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var runs = new List<Query>();
        string? previous = null;
        stream.Reset();
        while (stream.IncrementToken())
        {
            var current = type.Type == "<DOUBLE>" && topical(ChineseAnalysis.BigramsField, term.ToString()) ? term.ToString() : null;
            if (previous is not null && current is not null && increment.PositionIncrement == 1)
                runs.Add(new PhraseQuery { new Term(ChineseAnalysis.BigramsField, previous), new Term(ChineseAnalysis.BigramsField, current) }.WithBoost(PhraseBoost));
            previous = current;
        }
        stream.End();
        return runs;
    }

    private static Query Any(IEnumerable<WeightedTerm> terms)
    {
        var query = new BooleanQuery();
        foreach (var term in terms)
            query.Add(new TermQuery(new Term(term.Field, term.Text)), Occur.SHOULD);
        return query;
    }

    private static Query Disjunction(IEnumerable<Query> alternatives)
    {
        var list = alternatives.ToList();
        return list.Count == 1 ? list[0] : new DisjunctionMaxQuery(list, 0.1f);
    }

    private static readonly Func<string, string, bool> Topical = IsTopical;
    private static readonly Func<string, string, bool> Everything = (_, _) => true;

    private static bool IsTopical(string field, string term) =>
        !FunctionWords.Contains(term) && !StandaloneWords.Contains(term) && !EnglishFunctionWords.Contains(term) &&
        (field != ChineseAnalysis.BigramsField || !term.Any(c => FunctionWords.Contains(c.ToString())));

    // BM25's idf, so the confidence weighs terms the way the ranking does.
    private static double Idf(int documentFrequency, int documents) =>
        Math.Log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

internal static class QueryExtensions
{
    public static Query WithBoost(this Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}
