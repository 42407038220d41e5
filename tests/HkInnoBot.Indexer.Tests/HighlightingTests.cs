using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Index;
using HkInnoBot.Search.Ranking;
using HkInnoBot.Tests;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HkInnoBot.Indexer.Tests;

/// <summary>Answers mark the question's words where each passage's own analysis has them: that analysis must be the
/// words the index holds for the passage, word for word and position for position.</summary>
public class HighlightingTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    [Fact]
    public void EachPassagesWordsAreThoseTheIndexHoldsForIt()
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(index.Settings.IndexPath);
        using var reader = PassageIndex.OpenVerified(directory);
        using var searcher = new PassageSearcher(reader);
        var analyzer = ChineseAnalysis.Create();
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
            var analysed = searcher.Words(doc, analyzer).Select(word => (word.Term, Position: position += word.PositionIncrement)).ToList();
            Assert.Equal(words.OrderBy(word => word.Position).ThenBy(word => word.Term, StringComparer.Ordinal),
                analysed.OrderBy(word => word.Position).ThenBy(word => word.Term, StringComparer.Ordinal));
        }
    }
}
