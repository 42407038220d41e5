using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HkInnoBot.Search.Corpus.Readers;

/// <summary>
/// A web page, read with AngleSharp. Only its main content counts: <c>main</c>, <c>[role=main]</c>, <c>article</c> or
/// the usual content container, else the body; within it, navigation, menus, headers, footers, asides, forms and
/// scripts (by element, role, or an id or class that says so) are dropped. Headings h1–h4 open sections; every other
/// block (a paragraph, a list item, a table row, text set straight in a <c>div</c>) is a paragraph. Each paragraph
/// keeps the nearest id before it as its anchor, for citing it. The title, language, date and address come from the
/// page's own metadata.
/// </summary>
internal sealed partial class HtmlReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    /// <summary>Where pages keep their content, likeliest first.</summary>
    private static readonly string[] MainContent =
        ["main", "[role=main]", "article", "#content", "#main-content", "#maincontent", "#main", ".main-content", ".content"];

    private static readonly string NotContent = string.Join(", ",
        "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template", "iframe", "button", "svg", "select",
        "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=search]", "[role=complementary]", "[aria-hidden=true]", "[hidden]");

    private static readonly HashSet<string> Headings = ["H1", "H2", "H3", "H4"];

    /// <summary>Elements that end the line of text before them and start another.</summary>
    private static readonly HashSet<string> Blocks =
        ["P", "DIV", "LI", "UL", "OL", "DL", "DD", "DT", "TABLE", "TBODY", "THEAD", "TFOOT", "SECTION", "ARTICLE", "MAIN", "BLOCKQUOTE",
         "PRE", "FIGURE", "FIGCAPTION", "CAPTION", "ADDRESS", "H5", "H6", "HR", "CENTER", "DETAILS", "SUMMARY"];

    public DocumentContent Read(string path)
    {
        // From the bytes, so the page's own <meta charset> (Big5 on older government sites) decides how they are read.
        using var file = File.OpenRead(path);
        var document = new HtmlParser().ParseDocument(file);
        // Read before the footer that prints it goes.
        var revision = RevisionDate().Match(document.Body?.TextContent ?? "");
        var main = MainContent.Select(document.QuerySelector).FirstOrDefault(candidate => candidate is not null && !IsBoilerplate(candidate))
            ?? document.Body ?? throw new UnreadableDocumentException("a web page without a body");
        // An article's own header holds its title, a site's holds its banner.
        var furniture = main.QuerySelectorAll(NotContent).Where(element => element.TagName != "HEADER" || element.QuerySelector("h1") is null);
        foreach (var boilerplate in furniture.Concat(main.Descendants<IElement>().Where(IsBoilerplate)).ToList())
            boilerplate.Remove();

        var reader = new Walk();
        reader.Visit(main);
        reader.EndParagraph();
        var sections = reader.Sections();
        if (sections.Count == 0)
            throw new UnreadableDocumentException("a web page without main content");

        var meta = (string name) => document.QuerySelector($"meta[name='{name}' i], meta[property='{name}' i]")?.GetAttribute("content");
        return new DocumentContent(sections, new FileMetadata(
            Title: reader.Title ?? meta("og:title") ?? DocumentReaders.OwnTitle(document.Title),
            Updated: DocumentReaders.DateIn(meta("dcterms.modified") ?? meta("article:modified_time") ?? meta("last-modified")
                ?? meta("dc.date.modified") ?? meta("dcterms.date") ?? meta("date") ?? meta("dc.date")
                ?? document.QuerySelector("main time[datetime], article time[datetime]")?.GetAttribute("datetime")
                ?? (revision.Success ? revision.Groups[1].Value : null)),
            Language: document.DocumentElement.GetAttribute("lang"),
            Url: (document.QuerySelector("link[rel=canonical]") as IHtmlLinkElement)?.Href ?? meta("og:url")));
    }

    /// <summary>Site furniture that is marked only by its id or class: menus, breadcrumbs, share buttons, cookie notices.</summary>
    private static bool IsBoilerplate(IElement element) =>
        Furniture().IsMatch($"{element.Id} {element.ClassName}");

    /// <summary>
    /// The page's text in reading order, cut where blocks begin and end, and where a blank line (two line breaks) stands
    /// in older pages' text. A line all in bold, short and without a sentence's punctuation, is such a page's heading.
    /// A term and its description (<c>dt</c>, <c>dd</c>: a question and its answer) are one paragraph. A table of
    /// short cells is data, a paragraph per row; one whose cells hold paragraphs lays the page out, and is read as text.
    /// </summary>
    private sealed class Walk
    {
        // Where a <br> stood, as only it puts one: the source's own line breaks are no paragraph's end.
        private const char Break = '\u2028';

        private readonly List<Section> sections = [];
        private readonly StringBuilder line = new();
        private (string Heading, List<Paragraph> Paragraphs) section = ("", []);
        private string? anchor, lineAnchor;
        private int bold;
        private bool allBold = true;

        public string? Title { get; private set; }

        public void Visit(INode node)
        {
            if (node is IText text)
            {
                if (line.Length == 0)
                    lineAnchor = anchor;
                if (!string.IsNullOrWhiteSpace(text.Data) && bold == 0)
                    allBold = false;
                line.Append(text.Data);
                return;
            }
            if (node is not IElement element)
                return;
            if (!string.IsNullOrEmpty(element.Id))
                anchor = element.Id;
            switch (element.TagName)
            {
                case var heading when Headings.Contains(heading):
                    EndParagraph();
                    Heading(TextOf(element), element.TagName == "H1");
                    return;
                case "TABLE" when !LaysOut(element):
                    EndParagraph();
                    var rows = element.QuerySelectorAll("tr").Where(row => row.Closest("table") == element).ToList();
                    var cells = rows.Select(row => (IReadOnlyList<string>)[.. row.Children.Where(cell => cell.TagName is "TD" or "TH").Select(TextOf)]).ToList();
                    var firstIsHeader = rows.Count > 0 && rows[0].Children.All(cell => cell.TagName == "TH" || cell.Closest("thead") is not null);
                    section.Paragraphs.AddRange(DocumentReaders.TableRows(cells, firstIsHeader).Select(row => new Paragraph(row, Anchor: anchor)));
                    return;
                case "DT":
                    EndParagraph();
                    // The term, then what describes it, up to the next term.
                    var described = element.NextElementSibling;
                    var parts = new List<string> { TextOf(element) };
                    for (; described?.TagName == "DD"; described = described.NextElementSibling)
                        parts.Add(TextOf(described));
                    var joined = DocumentReaders.JoinLines(parts);
                    if (joined.Length > 0)
                        section.Paragraphs.Add(new Paragraph(joined, Anchor: anchor));
                    return;
                case "DD" when element.PreviousElementSibling?.TagName is "DT" or "DD":
                    return;
                case "BR":
                    // A second break in a row ends the paragraph, and so does one after a line all in bold (a heading).
                    if (line.ToString().TrimEnd(' ', '\t', '\r', '\n').EndsWith(Break) || allBold && line.ToString().Trim().Length > 0)
                        EndParagraph();
                    else
                        line.Append(Break);
                    return;
                case "IMG":
                    return;
            }
            var block = Blocks.Contains(element.TagName);
            if (block)
                EndParagraph();
            var isBold = element.TagName is "B" or "STRONG";
            bold += isBold ? 1 : 0;
            foreach (var child in element.ChildNodes)
                Visit(child);
            bold -= isBold ? 1 : 0;
            if (block)
                EndParagraph();
        }

        private void Heading(string text, bool isH1)
        {
            if (text.Length == 0)
                return;
            // The first h1, before any text, is the page's title, not a section.
            if (isH1 && Title is null && sections.Count == 0 && section.Paragraphs.Count == 0)
            {
                Title = text;
                return;
            }
            EndSection();
            section = (text, []);
        }

        public void EndParagraph()
        {
            var text = DocumentReaders.JoinLines(line.ToString().Split('\n', Break));
            var wasBold = allBold;
            (line.Length, allBold) = (0, true);
            if (text.Length == 0)
                return;
            if (wasBold && text.Length <= 30 && !Punctuated().IsMatch(text))
                Heading(text, isH1: false);
            else
                section.Paragraphs.Add(new Paragraph(text, Anchor: lineAnchor));
        }

        private void EndSection()
        {
            if (section.Paragraphs.Count > 0)
                sections.Add(new Section(section.Heading, section.Paragraphs));
        }

        public List<Section> Sections()
        {
            EndSection();
            section = ("", []);
            return sections;
        }
    }

    /// <summary>An element's text, whitespace collapsed; Chinese lines run on without a space.</summary>
    private static string TextOf(IElement element) => DocumentReaders.JoinLines(element.TextContent.Split('\n'));

    /// <summary>A table whose cells hold paragraphs, lists, other tables or long text lays the page out; it holds no data.</summary>
    private static bool LaysOut(IElement table) =>
        table.QuerySelectorAll("td, th").Any(cell => cell.QuerySelector("p, div, ul, ol, table, h1, h2, h3, h4, br") is not null
                                                      || cell.TextContent.Length > 150);

    [GeneratedRegex(@"[。，；：！？.,;:!?]")]
    private static partial Regex Punctuated();

    [GeneratedRegex(@"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|footer|skip|share|social|cookie|banner|masthead)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex Furniture();

    // The revision date a government page prints at its foot: 「修訂日期：2024年7月25日」, "Last revision date: 25 July 2024".
    [GeneratedRegex(@"(?:修訂日期|更新日期|最後更新|Last revision date|Last updated|Last modified)\s*[：:]?\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s+\p{L}+\s+\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex RevisionDate();
}
