using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace HkInnoBot.Search.Corpus.Readers;

/// <summary>
/// A Word file, read with DocumentFormat.OpenXml. Paragraphs in a heading style (by the style's name, which Word keeps
/// in English whatever the style's id in a localised copy, or by an outline level) open sections; the Title style, or
/// the core properties' title, gives the title. List items are paragraphs, and a table gives a paragraph per row, its
/// cells named by the header row's.
/// </summary>
internal sealed class DocxReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    private enum Kind { Body, Title, Heading }

    public DocumentContent Read(string path)
    {
        using var word = WordprocessingDocument.Open(path, isEditable: false);
        var body = word.MainDocumentPart?.Document?.Body ?? throw new UnreadableDocumentException("a Word file without a body");
        var styles = (word.MainDocumentPart!.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
            .Where(style => style.StyleId?.Value is not null)
            .GroupBy(style => style.StyleId!.Value!).ToDictionary(same => same.Key, same => same.First());

        var sections = new List<Section>();
        var (heading, paragraphs) = ("", new List<Paragraph>());
        string? title = null;
        foreach (var block in Blocks(body))
        {
            if (block is Table table)
            {
                var rows = table.Elements<TableRow>().ToList();
                var cells = rows.Select(row => (IReadOnlyList<string>)[.. row.Elements<TableCell>().Select(cell => DocumentReaders.JoinLines(cell.Elements<WordParagraph>().Select(TextOf)))]).ToList();
                paragraphs.AddRange(DocumentReaders.TableRows(cells, rows.Count > 0 && IsHeader(rows[0])).Select(row => new Paragraph(row)));
                continue;
            }
            var paragraph = (WordParagraph)block;
            var text = TextOf(paragraph);
            if (text.Length == 0)
                continue;
            switch (KindOf(paragraph, styles))
            {
                case Kind.Title:
                    title ??= text;
                    break;
                case Kind.Heading:
                    if (paragraphs.Count > 0)
                        sections.Add(new Section(heading, paragraphs));
                    (heading, paragraphs) = (text, []);
                    break;
                default:
                    paragraphs.Add(new Paragraph(text));
                    break;
            }
        }
        if (paragraphs.Count > 0)
            sections.Add(new Section(heading, paragraphs));
        if (sections.Count == 0)
            throw new UnreadableDocumentException("a Word file without text");

        var properties = word.PackageProperties;
        return new DocumentContent(sections, new FileMetadata(
            Title: string.IsNullOrWhiteSpace(properties.Title) ? title : properties.Title,
            Updated: DocumentReaders.DateIn((properties.Modified ?? properties.Created)?.ToString("O")),
            Language: string.IsNullOrWhiteSpace(properties.Language) ? null : properties.Language));
    }

    /// <summary>The body's paragraphs and tables in order, those inside content controls and custom XML too.</summary>
    private static IEnumerable<OpenXmlElement> Blocks(OpenXmlElement container)
    {
        foreach (var element in container.ChildElements)
        {
            if (element is WordParagraph or Table)
                yield return element;
            else if (element is SdtBlock or SdtContentBlock or CustomXmlBlock)
                foreach (var inner in Blocks(element))
                    yield return inner;
        }
    }

    /// <summary>A header row: marked to repeat on each page as Word does for headers, or all in bold.</summary>
    private static bool IsHeader(TableRow row) =>
        row.TableRowProperties?.GetFirstChild<TableHeader>() is not null
        || row.Descendants<Run>().Where(run => run.Descendants<Text>().Any(text => text.Text.Trim().Length > 0))
               .All(run => run.RunProperties?.Bold is { } bold && (bold.Val is null || bold.Val.Value));

    /// <summary>Headings 1–4 open sections; deeper ones are read as text.</summary>
    private static Kind KindOf(WordParagraph paragraph, Dictionary<string, Style> styles)
    {
        var properties = paragraph.ParagraphProperties;
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        var style = styleId is not null && styles.TryGetValue(styleId, out var found) ? found : null;
        var name = (style?.StyleName?.Val?.Value ?? styleId ?? "").ToLowerInvariant().Replace(" ", "");
        if (name == "title")
            return Kind.Title;
        var level = properties?.OutlineLevel?.Val?.Value ?? style?.StyleParagraphProperties?.OutlineLevel?.Val?.Value;
        if (level is < 4)
            return Kind.Heading;
        return name.StartsWith("heading", StringComparison.Ordinal) && int.TryParse(name["heading".Length..], out var depth) && depth <= 4
            ? Kind.Heading : Kind.Body;
    }

    /// <summary>A paragraph's text (a deleted revision's is not <see cref="Text"/>, so it is left out); a line break
    /// joins as lines of a paragraph do, a tab is a space.</summary>
    private static string TextOf(WordParagraph paragraph)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text run:
                    text.Append(run.Text);
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
            }
        }
        return DocumentReaders.JoinLines(text.ToString().Split('\n'));
    }
}
