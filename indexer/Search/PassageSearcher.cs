using HkInnoBot.Indexer.Analysis;
using HkInnoBot.Indexer.Index;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace HkInnoBot.Indexer.Search;

/// <summary>
/// Finds the passages that answer a question. One instance serves all threads: the reader and searcher are
/// thread-safe, and the analyzer keeps its token streams per thread.
/// </summary>
public sealed class PassageSearcher : IDisposable
{
    private readonly Lucene.Net.Store.Directory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly Analyzer analyzer = ChineseAnalysis.Create();
    private readonly double threshold;
    private readonly Synonyms synonyms;
    private readonly QueryFeatures features;
    private readonly PassageQuery.AlternativesCache alternatives = new();

    /// <summary>Opens the index in <paramref name="directory"/>, which the searcher then owns.</summary>
    public PassageSearcher(Lucene.Net.Store.Directory directory, double confidenceThreshold, Synonyms synonyms, QueryFeatures features = QueryFeatures.All)
    {
        this.directory = directory;
        reader = DirectoryReader.Open(directory);
        this.synonyms = synonyms;
        this.features = features;
        threshold = confidenceThreshold;
        searcher = new IndexSearcher(reader) { Similarity = PassageIndex.Similarity };
        ChineseAnalysis.Warm(analyzer);
        Sections = Enumerable.Range(0, reader.MaxDoc)
            .Select(doc => reader.Document(doc).Get(PassageIndex.SectionField))
            .Where(section => section.Length > 0)
            .Distinct()
            .ToList();
    }

    public int PassageCount => reader.NumDocs;

    /// <summary>Section headings in document order: the topics the text covers.</summary>
    public IReadOnlyList<string> Sections { get; }

    /// <summary>The best passages for a question, <paramref name="top"/> of them from rank <paramref name="offset"/>.
    /// Any text is safe: it is analyzed into terms, never parsed as query syntax.</summary>
    public SearchResult Search(string question, int top, int offset = 0)
    {
        var query = PassageQuery.Build(analyzer, searcher, synonyms, features, alternatives, question);
        if (query is null || top <= 0)
            return new SearchResult(question, false, []);

        // Paging never asks Lucene for more than the index holds, whatever a button value says.
        offset = Math.Clamp(offset, 0, reader.MaxDoc);
        var wanted = Math.Min(offset + Math.Min(top, reader.MaxDoc), reader.MaxDoc);
        // Every matching passage is rescored (the corpus is small and coverage is a set lookup per term), so each page
        // is a slice of one order.
        var scored = features.HasFlag(QueryFeatures.Coverage)
            ? new CoverageRescorer(query, reader).Rescore(searcher, searcher.Search(query.Ranking, reader.MaxDoc), wanted).ScoreDocs
            : searcher.Search(query.Ranking, wanted).ScoreDocs;
        var bestConfidence = scored.Length > 0 ? query.Confidence(reader, scored[0].Doc) : 0;
        var hits = scored
            .Skip(offset)
            .Select((scoreDoc, i) => ToHit(query, scoreDoc, offset + i + 1))
            .ToList();
        return new SearchResult(question, bestConfidence >= threshold, hits);
    }

    /// <summary>A passage by its id, with the terms of <paramref name="question"/> marked.</summary>
    public Hit? GetPassage(string id, string question)
    {
        var found = searcher.Search(new TermQuery(new Term(PassageIndex.IdField, id)), 1).ScoreDocs;
        if (found.Length == 0)
            return null;
        var query = PassageQuery.Build(analyzer, searcher, synonyms, features, alternatives, question);
        return query is null
            ? ToHit(found[0].Doc, rank: 1, score: 0, confidence: 0, highlight: text => text)
            : ToHit(query, found[0], rank: 1);
    }

    private Hit ToHit(PassageQuery query, ScoreDoc scoreDoc, int rank) =>
        ToHit(scoreDoc.Doc, rank, scoreDoc.Score, query.Confidence(reader, scoreDoc.Doc), text => Highlight(query, text));

    private Hit ToHit(int doc, int rank, float score, double confidence, Func<string, string> highlight)
    {
        var stored = reader.Document(doc);
        var text = stored.Get(PassageIndex.PassageTextField);
        return new Hit(rank, score, Math.Round(confidence, 4), stored.Get(PassageIndex.IdField), stored.Get(PassageIndex.SectionField),
            stored.Get(PassageIndex.TitleField), stored.Get(PassageIndex.UpdatedField), text, highlight(text));
    }

    /// <summary>Marks matched words on the original text: the analysis keeps offsets into it. Adjacent marked words
    /// ("**科技****券**") become one run ("**科技券**").</summary>
    private string Highlight(PassageQuery query, string text)
    {
        var highlighter = new Highlighter(new SimpleHTMLFormatter("**", "**"), new QueryScorer(query.Highlighting, ChineseAnalysis.WordsField))
        {
            TextFragmenter = new NullFragmenter(),
        };
        using var tokens = analyzer.GetTokenStream(ChineseAnalysis.WordsField, text);
        return (highlighter.GetBestFragment(tokens, text) ?? text).Replace("****", "");
    }

    public void Dispose()
    {
        analyzer.Dispose();
        reader.Dispose();
        directory.Dispose();
    }
}
