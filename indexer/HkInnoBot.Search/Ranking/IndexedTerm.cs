using HkInnoBot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HkInnoBot.Search.Ranking;

/// <summary>
/// A term of a question in one field, with what the index says of it: read once per reader (the searcher caches it),
/// postings included, so ranking a question walks arrays instead of opening Lucene enumerators for every term.
/// </summary>
internal sealed class IndexedTerm(string field, string text, bool topical, TermContext? context, int[] docs, float[] scores)
{
    public string Field { get; } = field;
    public string Text { get; } = text;
    public BytesRef Bytes { get; } = new(text);

    /// <summary>Whether the term carries the question's topic (not 的, 有, how, a measure word…).</summary>
    public bool Topical { get; } = topical;

    /// <summary>Where the term is in each segment, for reading its positions; null when no passage has it.</summary>
    public TermContext? Context { get; } = context;

    public int DocFreq => Context?.DocFreq ?? 0;

    /// <summary>The live passages holding it, in index order, and what it earns in each by BM25 (from how often it
    /// occurs there and the passage's length): the same in every question, so computed once.</summary>
    public int[] Docs { get; } = docs;
    public float[] Scores { get; } = scores;

    /// <summary>BM25's idf as Lucene's ranking computes it (from the number of passages, deleted ones too).</summary>
    public float Bm25Idf { get; init; }

    /// <summary>BM25's idf from the live passages, which the confidence weighs terms by.</summary>
    public double Idf { get; init; }

    /// <summary>The term as a unit of a question on its own, made once.</summary>
    public PassageQuery.Unit AsUnit => unit ??= new PassageQuery.Unit([new PassageQuery.Alternative([this])]);

    private PassageQuery.Unit? unit;
}

/// <summary>
/// The enumerators a thread reads the index with, and the arrays it scores passages in, kept from one question to the
/// next: one terms enumerator per segment and field serves every term. Lucene's own TermQuery opens a new one, and a
/// new postings reader, for every term of every query, about 10 KB each.
/// </summary>
internal sealed class IndexCursors
{
    public Dictionary<(int Leaf, string Field), TermsEnum?> Terms { get; } = [];
    public DocsEnum? Docs;

    /// <summary>By <see cref="TermLookup"/>'s slots: a phrase's two terms.</summary>
    public DocsAndPositionsEnum?[] Positions { get; } = new DocsAndPositionsEnum?[2];

    /// <summary>The scoring arrays, all zero; null while a scorer has them.</summary>
    public ScoreArrays? Scores;
}

/// <summary>Reads the index for one question, with the calling thread's <see cref="IndexCursors"/>: finds terms (in
/// the searcher's cache, else in the index) and walks their positions.</summary>
internal sealed class TermLookup(PassageSearcher searcher)
{
    public PassageSearcher Searcher => searcher;

    public IndexedTerm Find(string field, string text)
    {
        var cache = searcher.Terms(field);
        return cache.TryGetValue(text, out var known) ? known : cache.Add(text, Read(field, text, PassageQuery.IsTopical(field, text)));
    }

    /// <summary>A term given as characters: its string is made only the first time it is looked up.</summary>
    public IndexedTerm Find(string field, ReadOnlySpan<char> text) =>
        searcher.TermsBySpan(field).TryGetValue(text, out var known) ? known : Find(field, text.ToString());

    private IndexedTerm Read(string field, string text, bool topical)
    {
        var bytes = new BytesRef(text);
        var top = searcher.TopReaderContext;
        var cursors = searcher.Cursors;
        TermContext? context = null;
        List<int> docs = [], freqs = [];
        foreach (var leaf in top.Leaves)
        {
            if (TermsAt(leaf, field, bytes, null) is not { } terms)
                continue;
            context ??= new TermContext(top);
            context.Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
            var postings = cursors.Docs = terms.Docs(leaf.AtomicReader.LiveDocs, cursors.Docs, DocsFlags.FREQS);
            for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
            {
                docs.Add(leaf.DocBase + doc);
                freqs.Add(postings.Freq);
            }
        }
        var docFreq = context?.DocFreq ?? 0;
        var idf = PassageIndex.Similarity.IdfOf(docFreq, searcher.IndexReader.MaxDoc);
        var bm25 = searcher.Bm25(field);
        var scores = new float[docs.Count];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = bm25.Score(idf, docs[i], freqs[i]);
        return new IndexedTerm(field, text, topical, context, [.. docs], scores)
        {
            Bm25Idf = idf,
            Idf = Math.Log(1 + (searcher.IndexReader.NumDocs - docFreq + 0.5) / (docFreq + 0.5)),
        };
    }

    /// <summary>A phrase's passages (in the searcher's cache, else read from the index).</summary>
    public PhrasePostings Phrase(PassageQuery.Phrase phrase)
    {
        var key = (phrase.First.Text, phrase.Second.Text);
        return searcher.Phrases.TryGetValue(key, out var known) ? known : searcher.Phrases.Add(key, PassageScorer.ReadPhrase(this, phrase));
    }

    /// <summary>Slots for <see cref="Positions"/>: each keeps its own enumerator, so a phrase can walk two terms at
    /// once.</summary>
    public const int PhraseFirst = 0, PhraseSecond = 1;

    /// <summary>The term's positions in one segment.</summary>
    public DocsAndPositionsEnum? Positions(AtomicReaderContext leaf, IndexedTerm term, int slot)
    {
        if (term.Context?.Get(leaf.Ord) is not { } state || TermsAt(leaf, term.Field, term.Bytes, state) is not { } terms)
            return null;
        var reuse = searcher.Cursors.Positions;
        return reuse[slot] = terms.DocsAndPositions(leaf.AtomicReader.LiveDocs, reuse[slot], DocsAndPositionsFlags.NONE);
    }

    // Positioned on the term, by its saved state when known (no dictionary walk), else by seeking it.
    private TermsEnum? TermsAt(AtomicReaderContext leaf, string field, BytesRef bytes, TermState? state)
    {
        var cursors = searcher.Cursors;
        if (!cursors.Terms.TryGetValue((leaf.Ord, field), out var terms))
            cursors.Terms[(leaf.Ord, field)] = terms = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
        if (terms is null)
            return null;
        if (state is null)
            return terms.SeekExact(bytes) ? terms : null;
        terms.SeekExact(bytes, state);
        return terms;
    }
}
