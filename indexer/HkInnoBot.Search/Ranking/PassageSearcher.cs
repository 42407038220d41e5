using System.Collections.Concurrent;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Index;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HkInnoBot.Search.Ranking;

/// <summary>A passage as the index stores it for display and citation, in the corpus's own script.</summary>
public sealed record StoredPassage(string Id, string Section, string Title, string Updated, string Text)
{
    /// <summary>The text as questions are compared with it (<see cref="ChineseText.ComparisonKey"/>), made once.</summary>
    public string ComparisonKey { get; } = ChineseText.ComparisonKey(Text);
}

/// <summary>
/// A searcher over one reader of the index, with what every question needs from that reader kept beside it: the
/// passages' stored fields, read once (a hit then costs no decompression), and the synonym alternatives' terms,
/// analysed once. Thread-safe, like the <see cref="IndexSearcher"/> it is.
/// </summary>
public sealed class PassageSearcher : IndexSearcher, IDisposable
{
    private readonly ThreadLocal<IndexCursors> cursors = new(() => new IndexCursors());
    private readonly StoredPassage?[] passages;
    private readonly Dictionary<string, int> docsById = [];

    public PassageSearcher(IndexReader reader) : base(reader)
    {
        Similarity = PassageIndex.Similarity;
        passages = new StoredPassage?[reader.MaxDoc];
        var liveDocs = MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (liveDocs is not null && !liveDocs.Get(doc))
                continue;
            var stored = reader.Document(doc);
            var passage = new StoredPassage(stored.Get(PassageIndex.IdField), stored.Get(PassageIndex.SectionField),
                stored.Get(PassageIndex.TitleField), stored.Get(PassageIndex.UpdatedField), stored.Get(PassageIndex.PassageTextField));
            passages[doc] = passage;
            docsById[passage.Id] = doc;
        }
        Sections = passages.OfType<StoredPassage>().Select(p => p.Section).Where(section => section.Length > 0).Distinct().ToList();
        bm25 = new Dictionary<string, PassageSimilarity.Field>
        {
            [ChineseAnalysis.WordsField] = Bm25For(ChineseAnalysis.WordsField),
            [ChineseAnalysis.BigramsField] = Bm25For(ChineseAnalysis.BigramsField),
        };
    }

    private PassageSimilarity.Field Bm25For(string field)
    {
        var norms = new byte[IndexReader.MaxDoc];
        foreach (var leaf in TopReaderContext.Leaves)
            if (leaf.AtomicReader.GetNormValues(field) is { } values)
                for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
                    norms[leaf.DocBase + doc] = (byte)values.Get(doc);
        return PassageIndex.Similarity.For(CollectionStatistics(field), norms);
    }

    private readonly Dictionary<string, PassageSimilarity.Field> bm25;

    public int PassageCount => docsById.Count;

    /// <summary>Section headings in document order: the topics the text covers.</summary>
    public IReadOnlyList<string> Sections { get; }

    internal StoredPassage Passage(int doc) => passages[doc] ?? throw new ArgumentOutOfRangeException(nameof(doc), "deleted passage");

    internal int? DocOf(string passageId) => docsById.TryGetValue(passageId, out var doc) ? doc : null;

    /// <summary>BM25 in one field of this reader.</summary>
    internal PassageSimilarity.Field Bm25(string field) => bm25[field];

    /// <summary>The calling thread's enumerators over this reader. A question runs on one thread from start to end.</summary>
    internal IndexCursors Cursors => cursors.Value!;

    /// <summary>
    /// Terms as looked up in this reader, shared by all questions: questions about one policy text use much the same
    /// words, and a term's statistics and passages never change in a reader. Bounded, so questions of made-up words
    /// cannot grow it without end (about 300 bytes a term, and 8 bytes a passage that holds it).
    /// </summary>
    internal BoundedCache<string, IndexedTerm> Terms(string field) => field == ChineseAnalysis.WordsField ? words : pairs;

    private readonly BoundedCache<string, IndexedTerm> words = new(MaxCachedTerms), pairs = new(MaxCachedTerms);

    private const int MaxCachedTerms = 100_000;

    /// <summary>Analysed synonym alternatives: bounded by the synonyms file, valid as long as this reader.</summary>
    internal ConcurrentDictionary<string, PassageQuery.AnalysedAlternative> Alternatives { get; } = new();

    public void Dispose() => cursors.Dispose();
}
