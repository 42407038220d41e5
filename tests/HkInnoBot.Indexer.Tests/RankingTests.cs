using HkInnoBot.Search;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Index;
using HkInnoBot.Search.Ranking;
using Lucene.Net.Index;
using Lucene.Net.Search;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>
/// What the search computes itself must be what the index gives. The ranking sums BM25 itself (Lucene 4.8's TermQuery
/// costs a new enumerator per term): its scores must be what Lucene's own BooleanQuery of DisjunctionMaxQuery units and
/// PhraseQuery runs gives, for every question of the set, and one passage's confidence the one its ranking gave. Answers
/// mark the question's words where each passage's own analysis has them: that analysis must be the words the index
/// holds for the passage, position for position, each standing where its offsets say.
/// </summary>
public class RankingTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = ChineseAnalysis.Create();

    /// <summary>The index on disk, read as the answerer reads it.</summary>
    private sealed class OpenIndex : IDisposable
    {
        private readonly Lucene.Net.Store.Directory directory;

        public OpenIndex(string path)
        {
            directory = Lucene.Net.Store.FSDirectory.Open(path);
            Reader = PassageIndex.OpenVerified(directory);
            Searcher = new PassageSearcher(Reader);
        }

        public DirectoryReader Reader { get; }
        public PassageSearcher Searcher { get; }

        public void Dispose()
        {
            Searcher.Dispose();
            Reader.Dispose();
            directory.Dispose();
        }
    }

    [Fact]
    public void Bm25IsLucenesOwnForEveryQuestion()
    {
        using var opened = new OpenIndex(index.Settings.IndexPath);
        var (reader, searcher) = (opened.Reader, opened.Searcher);
        var synonyms = Synonyms.Load(index.Settings.CorpusPath);
        var compared = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "questions.jsonl")))
        {
            var question = Question.Parse(System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("q").GetString());
            if (PassageQuery.Build(question.Searchable, Analyzer, searcher, synonyms, QueryFeatures.All) is not { } query)
                continue;
            // One passage's confidence, summed for it alone, is the one its ranking gave it.
            foreach (var ranked in PassageScorer.Rank(query, 10, rescore: true))
                Assert.Equal(ranked.Confidence, PassageScorer.Confidence(query, ranked.Doc));
            var ours = PassageScorer.Bm25(query);
            var lucene = new float[reader.MaxDoc];
            foreach (var hit in searcher.Search(AsLuceneQuery(query), reader.MaxDoc).ScoreDocs)
                lucene[hit.Doc] = hit.Score;
            for (var doc = 0; doc < reader.MaxDoc; doc++)
                Assert.True(Math.Abs(ours[doc] - lucene[doc]) <= 1e-5f * Math.Max(1, lucene[doc]),
                    $"{question.Text}: passage {doc} scored {ours[doc]}, Lucene {lucene[doc]}");
            compared++;
        }
        Assert.True(compared > 200, $"{compared} questions compared");
    }

    [Fact]
    public void EachPassagesWordsAreThoseTheIndexHoldsForIt()
    {
        using var opened = new OpenIndex(index.Settings.IndexPath);
        var (reader, searcher) = (opened.Reader, opened.Searcher);
        var indexed = new Dictionary<int, List<(string Term, int Position)>>();
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(ChineseAnalysis.WordsField).GetEnumerator();
            DocsAndPositionsEnum? postings = null;
            while (terms.MoveNext())
            {
                var term = terms.Term.Utf8ToString();
                postings = terms.DocsAndPositions(leaf.AtomicReader.LiveDocs, postings);
                for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
                    for (var occurrence = postings.Freq; occurrence > 0; occurrence--)
                        (indexed.TryGetValue(leaf.DocBase + doc, out var words) ? words : indexed[leaf.DocBase + doc] = []).Add((term, postings.NextPosition()));
            }
        }
        Assert.Equal(searcher.PassageCount, indexed.Count);
        foreach (var (doc, words) in indexed)
        {
            var position = -1;
            var analysed = searcher.Words(doc, Analyzer).Select(word => (word.Term, Position: position += word.PositionIncrement)).ToList();
            // And each word stands where its offsets say, in the passage as the analysis reads it (converted as a whole,
            // which keeps its length, and in lower case).
            var text = ChineseText.NormalizeForSearch(searcher.Passage(doc).Text);
            Assert.All(searcher.Words(doc, Analyzer), word => Assert.Equal(word.Term, text[word.Start..word.End].ToLowerInvariant()));
            Assert.Equal(words.OrderBy(word => word.Position).ThenBy(word => word.Term, StringComparer.Ordinal),
                analysed.OrderBy(word => word.Position).ThenBy(word => word.Term, StringComparer.Ordinal));
        }
    }

    private static Query AsLuceneQuery(PassageQuery query)
    {
        var lucene = new BooleanQuery();
        foreach (var unit in query.Ranked)
        {
            var alternatives = unit.Alternatives.Select(alternative =>
            {
                var any = new BooleanQuery();
                foreach (var term in alternative.Terms)
                    any.Add(new TermQuery(new Term(term.Field, term.Text)), Occur.SHOULD);
                return (Query)any;
            }).ToList();
            lucene.Add(alternatives.Count == 1 ? alternatives[0] : new DisjunctionMaxQuery(alternatives, PassageScorer.TieBreaker), Occur.SHOULD);
        }
        foreach (var phrase in query.Phrases)
            lucene.Add(new PhraseQuery { new Term(phrase.First.Field, phrase.First.Text), new Term(phrase.Second.Field, phrase.Second.Text) }
                .Boosted(PassageQuery.PhraseBoost), Occur.SHOULD);
        return lucene;
    }
}

internal static class QueryBoost
{
    public static Query Boosted(this Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}
