using System.Text;
using Lucene.Net.Analysis;

namespace HkInnoBot.Search.Ranking;

/// <summary>
/// Marks the question's words in a passage as <c>**…**</c>, where the passage's own analysis has them (the words the
/// index holds for it, <see cref="PassageSearcher.Words"/>): a word inside a longer word of the passage is not marked.
/// Lucene's highlighters also score sentences; an answer shows its whole passage, so that part is left out. Offsets
/// point into the original text, since the analysis keeps its length.
/// </summary>
internal static class Highlighting
{
    public static string Mark(PassageQuery query, int doc, string text, Analyzer analyzer)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var word in query.Lookup.Searcher.Words(doc, analyzer))
            foreach (var term in query.HighlightTerms)
                if (term.Text == word.Term && word.Start >= 0 && word.End <= text.Length)
                {
                    spans.Add((word.Start, word.End));
                    break;
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
