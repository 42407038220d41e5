using HkInnoBot.Indexer.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HkInnoBot.Indexer.Search;

/// <summary>
/// A question as Lucene sees it: its terms in both fields, OR-ed, each with its inverse document frequency, which
/// also gives the confidence of a passage: the share of the question's term weight that the passage contains.
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

    private readonly IReadOnlyList<(string Field, string Term, double Weight)> terms;
    private readonly double totalWeight;

    private PassageQuery(Query lucene, Query highlighting, IReadOnlyList<(string, string, double)> terms)
    {
        Lucene = lucene;
        Highlighting = highlighting;
        this.terms = terms;
        totalWeight = terms.Sum(t => t.Item3);
    }

    public Query Lucene { get; }

    /// <summary>The bigram-field part, which marks whole matched runs in the text.</summary>
    public Query Highlighting { get; }

    /// <summary>Null when the question has no searchable term (empty, punctuation, emoji, only question words).</summary>
    public static PassageQuery? Build(Analyzer analyzer, IndexSearcher searcher, string question)
    {
        var text = QueryText.Prepare(question);
        if (text.Length == 0)
            return null;
        var weighted = new List<(string Field, string Term, double Weight)>();
        var lucene = new BooleanQuery();
        var highlighting = new BooleanQuery();
        var documents = searcher.IndexReader.NumDocs;
        foreach (var field in new[] { ChineseAnalysis.WordsField, ChineseAnalysis.BigramsField })
        {
            foreach (var term in ChineseAnalysis.Terms(analyzer, field, text).Where(t => IsTopical(field, t)))
            {
                var frequency = searcher.IndexReader.DocFreq(new Term(field, term));
                // Pairs that cross a word boundary of the question and occur nowhere are noise, not missing content.
                if (frequency == 0 && field == ChineseAnalysis.BigramsField)
                    continue;
                weighted.Add((field, term, Idf(frequency, documents)));
                var clause = new TermQuery(new Term(field, term));
                lucene.Add(clause, Occur.SHOULD);
                if (field == ChineseAnalysis.BigramsField)
                    highlighting.Add(clause, Occur.SHOULD);
            }
        }
        return weighted.Count == 0 ? null : new PassageQuery(lucene, highlighting, weighted);
    }

    public double Confidence(IndexReader reader, int doc)
    {
        var matched = 0.0;
        foreach (var group in terms.GroupBy(t => t.Field))
        {
            var present = reader.GetTermVector(doc, group.Key)?.GetEnumerator();
            if (present is null)
                continue;
            foreach (var (_, term, weight) in group)
                if (present.SeekExact(new Lucene.Net.Util.BytesRef(term)))
                    matched += weight;
        }
        return totalWeight > 0 ? matched / totalWeight : 0;
    }

    private static bool IsTopical(string field, string term) =>
        !FunctionWords.Contains(term) &&
        (field != ChineseAnalysis.BigramsField || !term.Any(c => FunctionWords.Contains(c.ToString())));

    // BM25's idf, so the confidence weighs terms the way the ranking does.
    private static double Idf(int documentFrequency, int documents) =>
        Math.Log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
