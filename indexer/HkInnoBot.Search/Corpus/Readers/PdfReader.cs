using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace HkInnoBot.Search.Corpus.Readers;

/// <summary>
/// A PDF, read with PdfPig's layout analysis: letters become words and lines, lines become text blocks (Docstrum), and
/// the blocks are put in reading order, so a page of two columns reads one column after the other. A block is a
/// paragraph, or several where a bullet (a letter, or a shape drawn before the line) or a sentence ended short of the
/// margin starts another; a paragraph cut by a
/// page break mid-sentence is joined again. A line break inside a Chinese sentence is no word boundary, so Chinese
/// lines run on without a space. Lines set larger than the body text, or in bold, are headings. Running headers and
/// footers (what repeats at the top or bottom of the pages, and page numbers) are dropped. Each paragraph keeps the
/// page it starts on.
/// </summary>
internal sealed partial class PdfReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    /// <param name="Block">The text block it belongs to, numbered through the document.</param>
    /// <param name="Bulleted">Whether a bullet is drawn before it (as a shape, as browsers print list items).</param>
    private sealed record Line(string Text, int Page, int Block, double Top, double Bottom, double Baseline, double Left, double Right,
        double Size, bool Bold, bool Bulleted);

    public DocumentContent Read(string path)
    {
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(path);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new UnreadableDocumentException("an encrypted PDF");
        }
        using (pdf)
        {
            var heights = new Dictionary<int, double>();
            var lines = new List<Line>();
            foreach (var page in pdf.GetPages())
            {
                heights[page.Number] = page.Height;
                lines.AddRange(LinesOf(page, firstBlock: lines.Count == 0 ? 0 : lines[^1].Block + 1));
            }
            if (lines.Count == 0)
                throw new UnreadableDocumentException("a PDF without a text layer (scanned images only)");
            lines = WithoutRunningHeadersAndFooters(lines, heights);
            var sections = Sections(lines, out var firstHeading);
            if (sections.Count == 0)
                throw new UnreadableDocumentException("a PDF without text");
            var information = pdf.Information;
            return new DocumentContent(sections, new FileMetadata(
                Title: DocumentReaders.OwnTitle(information.Title) ?? firstHeading,
                Updated: DocumentReaders.DateIn((information.GetModifiedDateTimeOffset() ?? information.GetCreatedDateTimeOffset())?.ToString("O"))));
        }
    }

    /// <summary>The page's lines, block by block in reading order.</summary>
    private static IEnumerable<Line> LinesOf(Page page, int firstBlock)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
        var blocks = UnsupervisedReadingOrderDetector.Instance.Get(DocstrumBoundingBoxes.Instance.GetBlocks(words)).ToList();
        var bullets = BulletsDrawn(page);
        for (var i = 0; i < blocks.Count; i++)
        {
            foreach (var line in blocks[i].TextLines)
            {
                var text = TextOf(line.Words);
                if (text.Length == 0)
                    continue;
                var letters = line.Words.SelectMany(word => word.Letters).Where(letter => !string.IsNullOrWhiteSpace(letter.Value)).ToList();
                var sizes = letters.Select(letter => letter.PointSize).Order().ToList();
                var size = sizes.Count == 0 ? 0 : Math.Round(sizes[sizes.Count / 2], 1);
                var bold = letters.Count(letter => letter.FontDetails?.IsBold == true || letter.FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) == true);
                var box = line.BoundingBox;
                var bulleted = bullets.Any(mark => mark.Right <= box.Left && box.Left - mark.Right <= 2 * size
                                                   && mark.Centroid.Y >= box.Bottom - size / 2 && mark.Centroid.Y <= box.Top + size / 2);
                yield return new Line(text, page.Number, firstBlock + i, box.Top, box.Bottom,
                    letters.Count == 0 ? box.Bottom : letters[0].StartBaseLine.Y, box.Left, box.Right, size, bold * 2 > letters.Count, bulleted);
            }
        }
    }

    /// <summary>Small filled shapes: the bullets a browser or a word processor draws before list items, which are not
    /// letters of the text.</summary>
    private static List<UglyToad.PdfPig.Core.PdfRectangle> BulletsDrawn(Page page) =>
        [.. page.Paths.Where(path => path.IsFilled).Select(path => path.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>()
            .Where(box => box.Width is >= 1 and <= 8 && box.Height is >= 1 and <= 8)];

    /// <summary>Words of a line: a space only between two Latin words, none where Chinese meets anything. Letters set
    /// apart inside what the word extractor took for one word are Latin words too ("World Intellectual").</summary>
    private static string TextOf(IEnumerable<Word> words)
    {
        var text = new StringBuilder();
        foreach (var word in words)
        {
            Letter? previous = null;
            foreach (var letter in word.Letters.Where(letter => !string.IsNullOrWhiteSpace(letter.Value)))
            {
                var apart = previous is null || letter.StartBaseLine.X - previous.EndBaseLine.X > previous.PointSize * 0.2;
                if (apart && text.Length > 0 && DocumentReaders.NeedsSpace(text[^1], letter.Value[0]))
                    text.Append(' ');
                text.Append(letter.Value);
                previous = letter;
            }
        }
        return text.ToString().Trim();
    }

    /// <summary>Lines in the top or bottom margin of the pages that repeat on half the pages or more (digits aside: a date,
    /// a page number), and lone page numbers, are the printer's, not the document's.</summary>
    private static List<Line> WithoutRunningHeadersAndFooters(List<Line> lines, Dictionary<int, double> heights)
    {
        bool InMargin(Line line) => line.Top > heights[line.Page] * 0.93 || line.Bottom < heights[line.Page] * 0.07;
        var repeating = lines.Where(InMargin).GroupBy(line => Digits().Replace(line.Text, "#"))
            .Where(same => heights.Count >= 2 && same.Select(line => line.Page).Distinct().Count() * 2 >= heights.Count)
            .Select(same => same.Key).ToHashSet();
        return [.. lines.Where(line => !(InMargin(line) && (repeating.Contains(Digits().Replace(line.Text, "#")) || PageNumber().IsMatch(line.Text))))];
    }

    /// <summary>Lines as sections of paragraphs. The body size is the size most of the text is set in; a shorter line set
    /// larger, or in bold, is a heading.</summary>
    private static List<Section> Sections(List<Line> lines, out string? firstHeading)
    {
        var body = lines.GroupBy(line => line.Size).MaxBy(size => size.Sum(line => line.Text.Length))!.Key;
        var pitch = LinePitch(lines, body);
        // Where the lines that start where a line starts reach at most: the right edge of its column.
        var columnRight = lines.GroupBy(line => (line.Page, Column(line, body))).ToDictionary(column => column.Key, column => column.Max(line => line.Right));
        bool EndsShort(Line line) => line.Right < columnRight[(line.Page, Column(line, body))] - 2 * line.Size;
        bool IsHeading(Line line) => line.Text.Length <= 40 && !SentenceEnd().IsMatch(line.Text)
            && (line.Size >= body * 1.15 || line.Bold && line.Size >= body && !Bullet().IsMatch(line.Text));
        var sections = new List<Section>();
        var (heading, paragraphs, current) = ("", new List<Paragraph>(), new List<Line>());
        firstHeading = null;
        void EndParagraph()
        {
            if (current.Count > 0)
                paragraphs.Add(new Paragraph(Bullet().Replace(DocumentReaders.JoinLines(current.Select(line => line.Text)), ""), current[0].Page));
            current.Clear();
        }
        Line? previous = null;
        foreach (var line in lines)
        {
            if (IsHeading(line))
            {
                EndParagraph();
                if (firstHeading is null)
                    firstHeading = line.Text;
                // A heading set over two lines is one heading.
                else if (previous is not null && IsHeading(previous) && previous.Block == line.Block && paragraphs.Count == 0 && heading.Length > 0)
                    heading = DocumentReaders.JoinLines([heading, line.Text]);
                else
                {
                    if (paragraphs.Count > 0)
                        sections.Add(new Section(heading, paragraphs));
                    (heading, paragraphs) = (line.Text, []);
                }
                previous = line;
                continue;
            }
            if (current.Count > 0 && StartsParagraph(line, previous!, pitch, EndsShort(previous!)))
                EndParagraph();
            current.Add(line);
            previous = line;
        }
        EndParagraph();
        if (paragraphs.Count > 0)
            sections.Add(new Section(heading, paragraphs));
        return sections;
    }

    private static int Column(Line line, double body) => (int)Math.Round(line.Left / (body * 2));

    /// <summary>The usual distance from one line's baseline to the next within a block: what sets a paragraph apart is
    /// more than that. (Baselines, since glyph boxes are unreliable: a font may give a glyph a box of nothing.)</summary>
    private static double LinePitch(List<Line> lines, double body)
    {
        var pitches = lines.Zip(lines.Skip(1))
            .Where(pair => pair.First.Block == pair.Second.Block && pair.First.Baseline > pair.Second.Baseline)
            .Select(pair => pair.First.Baseline - pair.Second.Baseline).Order().ToList();
        return pitches.Count == 0 ? body * 1.2 : pitches[pitches.Count / 2];
    }

    /// <summary>
    /// A bullet starts a paragraph, and so does a number ("2.", "(b)") after a line that ended a sentence or a lead-in
    /// (a line wrapped before 「5、全球第 17」 does not); so does a line set apart by more than the usual line spacing, and a line after a
    /// sentence's end in another block or after a line that ended well short of the margin. A sentence left unfinished
    /// goes on in the next line below, at the top of the next column or on the next page, even where the layout
    /// analysis cut it into blocks.
    /// </summary>
    private static bool StartsParagraph(Line line, Line previous, double pitch, bool previousEndsShort)
    {
        if (line.Bulleted || Bullet().IsMatch(line.Text) || Numbered().IsMatch(line.Text) && Ended().IsMatch(previous.Text))
            return true;
        if (line.Page != previous.Page)
            return SentenceEnd().IsMatch(previous.Text);
        var drop = previous.Baseline - line.Baseline;
        // Back up the page: the next column, where a sentence goes on as over a page break.
        if (drop < 0)
            return SentenceEnd().IsMatch(previous.Text);
        if (drop > pitch * 1.4)
            return true;
        return SentenceEnd().IsMatch(previous.Text)
               && (line.Block != previous.Block || previousEndsShort);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // "3", "- 3 -", "3 / 7", "第 3 頁", "Page 3 of 7"
    [GeneratedRegex(@"^\s*(?:[-–]?\s*\d+\s*[-–]?|\d+\s*/\s*\d+|第\s*\d+\s*頁(?:\s*[,，]?\s*共\s*\d+\s*頁)?|Page\s+\d+(?:\s+of\s+\d+)?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    // Bullets as fonts draw them, Symbol and Wingdings ones included (private-use code points).
    [GeneratedRegex(@"^\s*[•●▪■◆◼➢✓·・\-–*\uF0B7\uF0A7\uF06C\uF0D8\uF0FC]\s*")]
    private static partial Regex Bullet();

    // "1." "2)" "3、" "(a)" "（四）": numbering, which a wrapped line may also start with.
    [GeneratedRegex(@"^\s*(?:\d{1,2}[.)、](?!\d)|[（(][a-z\d一二三四五六七八九十]{1,3}[)）])")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"[。！？；：:）)」』》〕\].!?]$")]
    private static partial Regex Ended();

    [GeneratedRegex(@"[。！？；）)」』》〕\].!?]$")]
    private static partial Regex SentenceEnd();
}
