using System.Text.RegularExpressions;

namespace HkInnoBot.Search.Corpus.Readers;

/// <summary>
/// A plain-text fact sheet: a title line, section headings (short lines with no bullet and no sentence punctuation),
/// paragraphs and "- " bullets, and a closing date line (a paragraph of its own). A line that a page break cut
/// mid-sentence is joined to its continuation; markdown bold markers are dropped.
/// </summary>
internal sealed partial class TextReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public DocumentContent Read(string path)
    {
        string? title = null;
        var sections = new List<Section>();
        var (heading, paragraphs) = ("", new List<Paragraph>());
        foreach (var block in Blocks(DocumentReaders.ReadText(path)))
        {
            if (IsHeading(block))
            {
                // The first heading is the document's own title, not a section.
                if (title is null)
                {
                    title = block;
                    continue;
                }
                if (paragraphs.Count > 0)
                    sections.Add(new Section(heading, paragraphs));
                (heading, paragraphs) = (block, []);
                continue;
            }
            paragraphs.Add(new Paragraph(BoldMarker().Replace(Bullet().Replace(block, ""), "")));
        }
        if (paragraphs.Count > 0)
            sections.Add(new Section(heading, paragraphs));
        return new DocumentContent(sections, new FileMetadata(title));
    }

    /// <summary>Non-empty lines, with a line that a page break cut mid-sentence joined to its continuation.</summary>
    private static IEnumerable<string> Blocks(string text)
    {
        string? pending = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (pending is not null)
            {
                if (!Bullet().IsMatch(line) && !IsHeading(line))
                {
                    pending += line;
                    if (EndsSentence(pending))
                    {
                        yield return pending;
                        pending = null;
                    }
                    continue;
                }
                yield return pending;
                pending = null;
            }
            if (IsHeading(line) || DocumentReaders.IsDateLine(line) || EndsSentence(line))
                yield return line;
            else
                pending = line;
        }
        if (pending is not null)
            yield return pending;
    }

    private static bool IsHeading(string line) =>
        line.Length <= 20 && !Bullet().IsMatch(line) && !SentencePunctuation().IsMatch(line) && !DocumentReaders.IsDateLine(line);

    private static bool EndsSentence(string line) => SentenceEnd().IsMatch(line);

    [GeneratedRegex(@"^[-•・*]\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\*\*")]
    private static partial Regex BoldMarker();

    [GeneratedRegex(@"[。，；：！？]")]
    private static partial Regex SentencePunctuation();

    [GeneratedRegex(@"[。！？；）)」』》〕\]]$")]
    private static partial Regex SentenceEnd();
}
