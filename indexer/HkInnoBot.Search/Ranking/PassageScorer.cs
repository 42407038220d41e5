using HkInnoBot.Search.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HkInnoBot.Search.Ranking;

/// <summary>A passage as ranked: the score it is ranked by, its BM25 score, and the share of the question it covers.</summary>
internal readonly record struct RankedPassage(int Doc, float Score, float Bm25, double Confidence);

/// <summary>
/// Ranks passages for a <see cref="PassageQuery"/>. BM25 is what Lucene's BooleanQuery of DisjunctionMaxQuery units and
/// PhraseQuery runs would score (RankingTests checks it against those queries), from Lucene's own similarity and
/// postings; it is summed here because Lucene 4.8's TermQuery opens a new terms enumerator and postings reader for
/// every term of every query (about 10 KB each, 30–60 terms a question: most of a question's time and memory).
/// <para/>
/// Every matching passage is then scored by BM25 × coverage, and the best <c>wanted</c> are kept. BM25 adds up what each
/// term earns, so a passage that repeats one word of the question (培訓 three times) would outrank one that answers
/// more of it; multiplying by the confidence brings back the coordination factor of Lucene's classic similarity, which
/// BM25 dropped. Every match is scored the same way, so each page of results is a slice of one order.
/// </summary>
internal sealed class PassageScorer : IDisposable
{
    // A DisjunctionMaxQuery scores its best alternative plus this share of the others.
    public const float TieBreaker = 0.1f;

    private readonly PassageQuery query;
    private readonly IndexCursors cursors;
    private readonly ScoreArrays arrays;
    // Scores by passage, and the passages that got one: the calling thread's, kept from one question to the next and
    // handed back all zero, so a question neither allocates nor clears arrays the size of the index, and its cost
    // follows the postings it reads rather than the number of passages.
    private readonly float[] total, unitSum, unitMax, alternative;
    private readonly double[] covered, unitBest, held;
    private readonly int[] matched, unitMatched, alternativeMatched, coveredDocs;
    private int matchedCount, coveredCount;
    // Scoring zeroes its working entries as it goes: arrays of a scorer that failed half-way are not handed back.
    private bool scored;

    private PassageScorer(PassageQuery query)
    {
        this.query = query;
        cursors = query.Lookup.Searcher.Cursors;
        arrays = cursors.Scores ?? new ScoreArrays(query.Lookup.Searcher.IndexReader.MaxDoc);
        cursors.Scores = null;
        (total, unitSum, unitMax, alternative) = (arrays.Total, arrays.UnitSum, arrays.UnitMax, arrays.Alternative);
        (covered, unitBest, held) = (arrays.Covered, arrays.UnitBest, arrays.Held);
        (matched, unitMatched, alternativeMatched, coveredDocs) = (arrays.Matched, arrays.UnitMatched, arrays.AlternativeMatched, arrays.CoveredDocs);
    }

    /// <summary>The best <paramref name="wanted"/> passages, best first: by BM25 × coverage when
    /// <paramref name="rescore"/>, else by BM25.</summary>
    public static RankedPassage[] Rank(PassageQuery query, int wanted, bool rescore)
    {
        using var scorer = new PassageScorer(query);
        scorer.ScoreBm25();
        scorer.ScoreCoverage();
        scorer.scored = true;
        return scorer.Best(wanted, rescore);
    }

    /// <summary>The confidence of one passage: the share of the question's topical weight it covers. The same sums as
    /// <see cref="ScoreCoverage"/> makes for every passage, made for this one from its place in each term's list.</summary>
    public static double Confidence(PassageQuery query, int doc)
    {
        var covered = 0.0;
        foreach (var unit in query.Judged)
        {
            var (best, unitHeld) = (0.0, false);
            foreach (var way in unit.Alternatives)
            {
                var (held, wayHeld) = (0.0, false);
                foreach (var term in way.Terms)
                    if (term.Field == ChineseAnalysis.BigramsField && Array.BinarySearch(term.Docs, doc) >= 0)
                        (held, wayHeld) = (held + term.Idf, true);
                if (wayHeld)
                    (best, unitHeld) = (Math.Max(best, held / way.Idf), true);
            }
            if (unitHeld)
                covered += unit.Weight * best;
        }
        return covered / query.JudgedWeight;
    }

    /// <summary>BM25 of every matching passage, as a BooleanQuery over the units and the phrases would give it.</summary>
    internal static float[] Bm25(PassageQuery query)
    {
        using var scorer = new PassageScorer(query);
        scorer.ScoreBm25();
        scorer.scored = true;
        return scorer.total[..scorer.arrays.Length];
    }

    private void ScoreBm25()
    {
        foreach (var unit in query.Ranked)
        {
            if (unit.Alternatives.Length == 1)
            {
                AddTerms(unit.Alternatives[0], total, matched, ref matchedCount);
                continue;
            }
            var unitCount = 0;
            foreach (var way in unit.Alternatives)
            {
                var count = 0;
                AddTerms(way, alternative, alternativeMatched, ref count);
                for (var i = 0; i < count; i++)
                {
                    var doc = alternativeMatched[i];
                    if (unitSum[doc] == 0)
                        unitMatched[unitCount++] = doc;
                    unitSum[doc] += alternative[doc];
                    unitMax[doc] = Math.Max(unitMax[doc], alternative[doc]);
                    alternative[doc] = 0;
                }
            }
            for (var i = 0; i < unitCount; i++)
            {
                var doc = unitMatched[i];
                Add(total, matched, ref matchedCount, doc, unitMax[doc] + (unitSum[doc] - unitMax[doc]) * TieBreaker);
                unitSum[doc] = unitMax[doc] = 0;
            }
        }
        foreach (var phrase in query.Phrases)
            AddPhrase(phrase);
    }

    /// <summary>
    /// How much of the question's topical weight each passage covers (<see cref="PassageQuery.Judged"/>): for each unit,
    /// its weight times the share of its best-covered alternative's idf that the passage holds, read from the character
    /// pairs' passage lists, so the work follows the postings rather than passages × terms.
    /// </summary>
    private void ScoreCoverage()
    {
        foreach (var unit in query.Judged)
        {
            var unitCount = 0;
            foreach (var way in unit.Alternatives)
            {
                var count = 0;
                foreach (var term in way.Terms)
                {
                    // Words weigh in the whole but count as covered only through their pairs.
                    if (term.Field != ChineseAnalysis.BigramsField)
                        continue;
                    foreach (var doc in term.Docs)
                    {
                        if (held[doc] == 0)
                            alternativeMatched[count++] = doc;
                        held[doc] += term.Idf;
                    }
                }
                for (var i = 0; i < count; i++)
                {
                    var doc = alternativeMatched[i];
                    if (unitBest[doc] == 0)
                        unitMatched[unitCount++] = doc;
                    unitBest[doc] = Math.Max(unitBest[doc], held[doc] / way.Idf);
                    held[doc] = 0;
                }
            }
            for (var i = 0; i < unitCount; i++)
            {
                var doc = unitMatched[i];
                if (covered[doc] == 0)
                    coveredDocs[coveredCount++] = doc;
                covered[doc] += unit.Weight * unitBest[doc];
                unitBest[doc] = 0;
            }
        }
    }

    /// <summary>A BooleanQuery of SHOULD terms: the sum of what each term earns in each passage.</summary>
    private static void AddTerms(PassageQuery.Alternative way, float[] scores, int[] docs, ref int count)
    {
        foreach (var term in way.Terms)
            AddPostings(term.Docs, term.Scores, scores, docs, ref count);
    }

    /// <summary>A PhraseQuery of two adjacent terms: BM25 of how often the second follows the first.</summary>
    private void AddPhrase(PassageQuery.Phrase phrase)
    {
        var postings = query.Lookup.Phrase(phrase);
        AddPostings(postings.Docs, postings.Scores, total, matched, ref matchedCount);
    }

    private static void AddPostings(int[] postingDocs, float[] postingScores, float[] scores, int[] docs, ref int count)
    {
        for (var i = 0; i < postingDocs.Length; i++)
            Add(scores, docs, ref count, postingDocs[i], postingScores[i]);
    }

    /// <summary>The passages where the phrase's second term stands right after its first, and what the phrase earns in
    /// each: read from both terms' positions, once per reader (<see cref="TermLookup.Phrase"/>).</summary>
    internal static PhrasePostings ReadPhrase(TermLookup lookup, PassageQuery.Phrase phrase)
    {
        var searcher = lookup.Searcher;
        var bm25 = searcher.Bm25(phrase.First.Field);
        List<int> docs = [];
        List<float> scores = [];
        foreach (var leaf in searcher.TopReaderContext.Leaves)
        {
            if (lookup.Positions(leaf, phrase.First, TermLookup.PhraseFirst) is not { } first
                || lookup.Positions(leaf, phrase.Second, TermLookup.PhraseSecond) is not { } second)
                continue;
            var doc = first.NextDoc();
            while (doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                // Advance only moves forward: the second may already stand on the passage the first moved to.
                var other = second.DocID < doc ? second.Advance(doc) : second.DocID;
                if (other == DocIdSetIterator.NO_MORE_DOCS)
                    break;
                if (other > doc)
                {
                    doc = first.Advance(other);
                    continue;
                }
                if (Follows(first, second) is > 0 and var frequency)
                {
                    docs.Add(leaf.DocBase + doc);
                    scores.Add(bm25.Score(phrase.Weight, leaf.DocBase + doc, frequency));
                }
                doc = first.NextDoc();
            }
        }
        return new PhrasePostings([.. docs], [.. scores]);
    }

    /// <summary>How many times the second term stands right after the first, both positioned on one passage.</summary>
    private static int Follows(DocsAndPositionsEnum first, DocsAndPositionsEnum second)
    {
        Span<int> after = stackalloc int[Math.Min(first.Freq, 256)];
        for (var i = 0; i < after.Length; i++)
            after[i] = first.NextPosition() + 1;
        var count = 0;
        var j = 0;
        for (var i = second.Freq; i > 0; i--)
        {
            var position = second.NextPosition();
            while (j < after.Length && after[j] < position)
                j++;
            if (j < after.Length && after[j] == position)
                count++;
        }
        return count;
    }

    private static void Add(float[] scores, int[] docs, ref int count, int doc, float score)
    {
        if (scores[doc] == 0)
            docs[count++] = doc;
        scores[doc] += score;
    }

    private RankedPassage[] Best(int wanted, bool rescore)
    {
        if (wanted <= 0)
            return [];
        var best = new PriorityQueue<RankedPassage, RankedPassage>(wanted + 1, WorstFirst);
        for (var i = 0; i < matchedCount; i++)
        {
            var doc = matched[i];
            var confidence = covered[doc] / query.JudgedWeight;
            var passage = new RankedPassage(doc, rescore ? total[doc] * (float)confidence : total[doc], total[doc], confidence);
            if (best.Count < wanted)
                best.Enqueue(passage, passage);
            else if (Order(passage, best.Peek()) < 0)
                best.DequeueEnqueue(passage, passage);
        }
        var ranked = new RankedPassage[best.Count];
        for (var i = ranked.Length - 1; i >= 0; i--)
            ranked[i] = best.Dequeue();
        return ranked;
    }

    // Worst kept passage first, so a better one replaces it.
    private static readonly Comparer<RankedPassage> WorstFirst = Comparer<RankedPassage>.Create((a, b) => Order(b, a));

    // Higher score first; ties by BM25, then by index order, as a stable re-sort of BM25's ranking would leave them.
    private static int Order(RankedPassage a, RankedPassage b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Bm25 != b.Bm25 ? b.Bm25.CompareTo(a.Bm25) : a.Doc.CompareTo(b.Doc);

    /// <summary>Zeroes what this question scored, and gives the arrays back to the thread.</summary>
    public void Dispose()
    {
        if (!scored)
            return;
        for (var i = 0; i < matchedCount; i++)
            total[matched[i]] = 0;
        for (var i = 0; i < coveredCount; i++)
            covered[coveredDocs[i]] = 0;
        cursors.Scores = arrays;
    }
}

/// <summary>A phrase's passages, in index order, and what it earns in each.</summary>
internal sealed record PhrasePostings(int[] Docs, float[] Scores);

/// <summary>A thread's scoring arrays, one entry per passage of a reader (<see cref="PassageScorer"/>).</summary>
internal sealed class ScoreArrays(int length)
{
    public int Length { get; } = length;
    public float[] Total { get; } = new float[length];
    public float[] UnitSum { get; } = new float[length];
    public float[] UnitMax { get; } = new float[length];
    public float[] Alternative { get; } = new float[length];
    public double[] Covered { get; } = new double[length];
    public double[] UnitBest { get; } = new double[length];
    public double[] Held { get; } = new double[length];
    public int[] Matched { get; } = new int[length];
    public int[] UnitMatched { get; } = new int[length];
    public int[] AlternativeMatched { get; } = new int[length];
    public int[] CoveredDocs { get; } = new int[length];
}
