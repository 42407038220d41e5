using System.Text;
using Lucene.Net.Index;

namespace HkInnoBot.Search.Ranking;

/// <summary>
/// Marks the question's words in a passage as <c>**…**</c>, from the offsets the index keeps with every occurrence of a
/// word (the words field is indexed with offsets), as Lucene's postings highlighter does: the passage is not analysed
/// again. That highlighter's sentence scoring is left out: an answer shows its whole passage. Offsets point into the
/// original text, since the analysis keeps its length.
/// </summary>
internal static class Highlighting
{
    public static string Mark(PassageQuery query, int doc, string text)
    {
        var leaves = query.Lookup.Searcher.TopReaderContext.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var target = doc - leaf.DocBase;
        var spans = new List<(int Start, int End)>();
        foreach (var term in query.HighlightTerms)
        {
            // The term's passages are at hand: only those in this passage need their positions read.
            if (Array.BinarySearch(term.Docs, doc) < 0
                || query.Lookup.Positions(leaf, term, TermLookup.Highlight) is not { } positions || positions.Advance(target) != target)
                continue;
            for (var occurrence = positions.Freq; occurrence > 0; occurrence--)
            {
                positions.NextPosition();
                if (positions.StartOffset >= 0 && positions.EndOffset <= text.Length)
                    spans.Add((positions.StartOffset, positions.EndOffset));
            }
        }
        return spans.Count == 0 ? text : Marked(text, spans);
    }

    /// <summary>Adjacent words become one run ("**科技券**", not "**科技****券**").</summary>
    private static string Marked(string text, List<(int Start, int End)> spans)
    {
        spans.Sort();
        var marked = new StringBuilder(text.Length + 4 * spans.Count);
        var written = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = spans[i];
            while (i + 1 < spans.Count && spans[i + 1].Start <= end)
                end = Math.Max(end, spans[++i].End);
            marked.Append(text, written, start - written).Append("**").Append(text, start, end - start).Append("**");
            written = end;
        }
        return marked.Append(text, written, text.Length - written).ToString();
    }
}
