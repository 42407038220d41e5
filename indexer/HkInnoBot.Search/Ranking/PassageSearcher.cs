using System.Collections.Concurrent;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Index;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HkInnoBot.Search.Ranking;

/// <summary>A passage as the index stores it for display and citation, in the corpus's own script.</summary>
/// <param name="Document">The corpus file it is from.</param>
/// <param name="Page">The PDF page it starts on; null for other formats.</param>
/// <param name="Url">Where it can be read, when the document's address is known.</param>
public sealed record StoredPassage(string Id, string Section, string Title, string Updated, string Text, string Document, int? Page, string? Url)
{
    /// <summary>The text as questions are compared with it (<see cref="ChineseText.ComparisonKey"/>), made once.</summary>
    public string ComparisonKey { get; } = ChineseText.ComparisonKey(Text);

    /// <summary>The comparison key of the text without its bold markers, which <see cref="Spans"/> are located in.</summary>
    public string PlainKey => plainKey ??= ChineseText.ComparisonKey(Text.Replace("**", ""));

    private string? plainKey;

    /// <summary>Where the clauses of <see cref="PlainKey"/> start, found on first use.</summary>
    public IReadOnlyList<int> ClauseStarts => clauseStarts ??= Answers.Clauses.Starts(PlainKey);

    private IReadOnlyList<int>? clauseStarts;

    /// <summary>The numbers it names (<see cref="Answers.Numbers"/>), read on first use.</summary>
    public IReadOnlySet<string> Numbers => numbers ??= Answers.Numbers.In(PlainKey).ToHashSet();

    private IReadOnlySet<string>? numbers;

    /// <summary>Its character pairs, figures aside (<see cref="Versions"/>), made on first use.</summary>
    internal IReadOnlySet<int> Shape => shape ??= Versions.ShapeOf(ComparisonKey);

    private IReadOnlySet<int>? shape;

        /// <summary>The facts it gives, typed (<see cref="TypedSpans"/>), read on first use.</summary>
    public IReadOnlyList<TypedSpan> Spans => spans ??= TypedSpans.Read(Text);

    private IReadOnlyList<TypedSpan>? spans;
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
        passageWords = new ChineseAnalysis.Token[]?[reader.MaxDoc];
        var liveDocs = MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (liveDocs is not null && !liveDocs.Get(doc))
                continue;
            var stored = reader.Document(doc);
            var page = stored.GetField(PassageIndex.PageField)?.GetInt32Value() ?? 0;
            var url = stored.Get(PassageIndex.UrlField);
            var passage = new StoredPassage(stored.Get(PassageIndex.IdField), stored.Get(PassageIndex.SectionField),
                stored.Get(PassageIndex.TitleField), stored.Get(PassageIndex.UpdatedField), stored.Get(PassageIndex.PassageTextField),
                stored.Get(PassageIndex.DocumentField) ?? "", page > 0 ? page : null, string.IsNullOrEmpty(url) ? null : url);
            passages[doc] = passage;
            docsById[passage.Id] = doc;
        }
        charactersBySound = new(CharactersBySound);
        (wordsBySpan, pairsBySpan) = (words.AlternateLookup<ReadOnlySpan<char>>(), pairs.AlternateLookup<ReadOnlySpan<char>>());
        HoldsVersions = passages.OfType<StoredPassage>().Select(p => p.Updated).Distinct().Skip(1).Any();
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

    /// <summary>Whether its documents are of more than one date, so that one may be a newer version of another
    /// (<see cref="Versions"/>).</summary>
    internal bool HoldsVersions { get; }

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

    /// <summary>The same, looked up by characters.</summary>
    internal ConcurrentDictionary<string, IndexedTerm>.AlternateLookup<ReadOnlySpan<char>> TermsBySpan(string field) =>
        field == ChineseAnalysis.WordsField ? wordsBySpan : pairsBySpan;

    private readonly BoundedCache<string, IndexedTerm> words = new(MaxCachedTerms, StringComparer.Ordinal), pairs = new(MaxCachedTerms, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IndexedTerm>.AlternateLookup<ReadOnlySpan<char>> wordsBySpan, pairsBySpan;

    private const int MaxCachedTerms = 100_000;

    /// <summary>Phrases (two adjacent pairs of a question) as read in this reader, bounded like the terms: reading one
    /// walks both terms' positions, and questions repeat the same runs of characters.</summary>
    internal BoundedCache<(string First, string Second), PhrasePostings> Phrases { get; } = new(MaxCachedTerms);

    /// <summary>The characters of the text that sound like <paramref name="typed"/> (<see cref="Readings"/>), itself
    /// aside: what a slip on a phonetic keyboard may have meant.</summary>
    internal IEnumerable<char> SoundingLike(char typed)
    {
        var bySound = charactersBySound.Value;
        var seen = new HashSet<char> { typed };
        foreach (var syllable in Readings.Of(typed).ToArray())
            if (bySound.TryGetValue(syllable, out var characters))
                foreach (var character in characters)
                    if (seen.Add(character))
                        yield return character;
    }

    // The text's Han characters (compared in Simplified) by each of their readings, made on first use.
    private readonly Lazy<Dictionary<int, List<char>>> charactersBySound;

    private Dictionary<int, List<char>> CharactersBySound()
    {
        var bySound = new Dictionary<int, List<char>>();
        foreach (var character in passages.OfType<StoredPassage>().SelectMany(p => p.ComparisonKey).Where(c => c >= '\u3400').Distinct())
            foreach (var syllable in Readings.Of(character))
                (bySound.TryGetValue(syllable, out var list) ? list : bySound[syllable] = []).Add(character);
        return bySound;
    }

    /// <summary>How the text writes a run of characters given as a comparison key (科技券 for 科技券, 數碼港 for 数码港);
    /// null when no passage holds it. Only the passages holding all its pairs are read.</summary>
    internal string? Spelling(string key, TermLookup lookup)
    {
        IEnumerable<int>? docs = null;
        for (var i = 0; i + 1 < key.Length; i++)
        {
            var pair = lookup.Find(ChineseAnalysis.BigramsField, key.Substring(i, 2));
            if (pair.DocFreq == 0)
                return null;
            docs = docs is null ? pair.Docs : docs.Intersect(pair.Docs);
        }
        foreach (var doc in docs ?? [])
            if (passages[doc] is { } passage && passage.ComparisonKey.IndexOf(key, StringComparison.Ordinal) is var at and >= 0)
                return passage.Text.Substring(at, key.Length);
        return null;
    }

    /// <summary>The passage's words as the index has them (the words field's analysis of its text), with where each
    /// stands in the text: analysed the first time the passage is shown, then kept as long as this reader, so marking
    /// a question's words in it is a lookup. At most one entry a passage.</summary>
    internal IReadOnlyList<ChineseAnalysis.Token> Words(int doc, Analyzer analyzer) =>
        passageWords[doc] ??= [.. ChineseAnalysis.Tokens(analyzer, ChineseAnalysis.WordsField, Passage(doc).Text)];

    // Filled on first use by whichever thread gets there; a race makes the same array twice.
    private readonly ChineseAnalysis.Token[]?[] passageWords;

    /// <summary>Analysed synonym alternatives: bounded by the synonyms file, valid as long as this reader.</summary>
    internal ConcurrentDictionary<string, PassageQuery.AnalysedAlternative> Alternatives { get; } = new();

    public void Dispose() => cursors.Dispose();
}
