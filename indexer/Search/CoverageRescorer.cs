using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HkInnoBot.Indexer.Search;

/// <summary>
/// Second-pass ranking by how much of the question a passage covers. BM25 adds up what each term earns, so a
/// passage that repeats one word of the question (培訓 three times) outranks one that answers more of it. Multiplying
/// by the confidence, the idf-weighted share of the question's topical units the passage holds, brings back the
/// coordination factor of Lucene's classic similarity, which BM25 dropped.
/// </summary>
internal sealed class CoverageRescorer(PassageQuery query, IndexReader reader) : Rescorer
{
    public override TopDocs Rescore(IndexSearcher searcher, TopDocs firstPassTopDocs, int topN)
    {
        // OrderBy is stable, so passages with equal scores keep their first-pass order.
        var rescored = firstPassTopDocs.ScoreDocs
            .Select(hit => new ScoreDoc(hit.Doc, hit.Score * (float)query.Confidence(reader, hit.Doc)))
            .OrderByDescending(hit => hit.Score)
            .Take(topN)
            .ToArray();
        return new TopDocs(firstPassTopDocs.TotalHits, rescored, rescored.Length > 0 ? rescored[0].Score : float.NaN);
    }

    public override Explanation Explain(IndexSearcher searcher, Explanation firstPassExplanation, int docID)
    {
        var coverage = (float)query.Confidence(reader, docID);
        var explanation = new Explanation(firstPassExplanation.Value * coverage, "product of:");
        explanation.AddDetail(firstPassExplanation);
        explanation.AddDetail(new Explanation(coverage, "coverage of the question's topical terms"));
        return explanation;
    }
}
