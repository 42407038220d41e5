using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace HkInnoBot.Search.Corpus.Readers;

/// <summary>
/// A PDF, read with PdfPig's letters. Letters on one baseline make a line, cut where a wide gap parts two columns or
/// two table cells. A page's lines are put in reading order by recursive XY-cut: the page is cut at its widest blank
/// band, across or down, again and again, so a page of two columns reads one column after the other, while a table
/// (short cells in ragged columns) reads row by row, each row one line of cells. Lines then become paragraphs: a bullet
/// (a letter, or a shape drawn before the line), more space than a line's, or a sentence that ends short of its column
/// starts one; a sentence cut by a column or page break is joined again; Chinese lines run on without a space. Lines
/// set larger than the body text, or emphasised (bold), are headings. Running headers and footers (what repeats at
/// the top or bottom of the pages, and page numbers) are dropped. Each paragraph keeps the page it starts on.
/// </summary>
internal sealed partial class PdfReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    /// <param name="Baseline">Where the letters stand; <paramref name="Top"/> and <paramref name="Bottom"/> follow from it
    /// and the size (glyph boxes are unreliable: a font may give a glyph a box of nothing).</param>
    /// <param name="Emphasis">Set in bold: a bold font, or one the printer made bold itself.</param>
    /// <param name="Bulleted">A bullet is drawn before it (as browsers print list items).</param>
    /// <param name="Row">The cells of a table row, read as one line.</param>
    private sealed record Line(string Text, int Page, double Left, double Right, double Baseline, double Size, bool Emphasis,
        bool Bulleted, bool Row = false)
    {
        public double Top => Baseline + Size * 0.85;
        public double Bottom => Baseline - Size * 0.25;
    }

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
            var read = new List<Line>();
            foreach (var page in pdf.GetPages())
            {
                heights[page.Number] = page.Height;
                read.AddRange(LinesOf(page));
            }
            if (read.Count == 0)
                throw new UnreadableDocumentException("a PDF without a text layer (scanned images only)");
            // The printer's lines go first: a header across the page would otherwise stop a cut between its columns.
            var lines = WithoutRunningHeadersAndFooters(read, heights).GroupBy(line => line.Page).SelectMany(page => ReadingOrder([.. page])).ToList();
            if (lines.Count == 0)
                throw new UnreadableDocumentException("a PDF whose only text is its running headers and footers");
            var sections = Sections(lines, out var title);
            var information = pdf.Information;
            return new DocumentContent(sections, new FileMetadata(
                Title: title ?? DocumentReaders.OwnTitle(information.Title),
                Updated: DocumentReaders.DateIn((information.GetModifiedDateTimeOffset() ?? information.GetCreatedDateTimeOffset())?.ToString("O"))));
        }
    }

    /// <summary>The page's lines: letters on one baseline (within a third of their size), left to right, cut where they
    /// stand further apart than one and a half letters' width.</summary>
    private static List<Line> LinesOf(Page page)
    {
        var bullets = BulletsDrawn(page);
        var lines = new List<Line>();
        var letters = page.Letters.Where(letter => !string.IsNullOrWhiteSpace(letter.Value)).OrderByDescending(letter => letter.StartBaseLine.Y).ToList();
        var row = new List<Letter>();
        foreach (var letter in letters.Append(null))
        {
            if (letter is not null && (row.Count == 0 || Math.Abs(row[0].StartBaseLine.Y - letter.StartBaseLine.Y) <= Math.Max(1, row[0].PointSize / 3)))
            {
                row.Add(letter);
                continue;
            }
            row.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
            var start = 0;
            for (var i = 1; i <= row.Count; i++)
            {
                // A list's number or bullet stays with its text however far it hangs before it.
                if (i < row.Count && (row[i].StartBaseLine.X - row[i - 1].EndBaseLine.X <= 1.5 * Math.Max(row[i - 1].PointSize, 1)
                                      || Marker().IsMatch(string.Concat(row.Skip(start).Take(i - start).Select(letter => letter.Value)))))
                    continue;
                if (ToLine(row.GetRange(start, i - start), page.Number, bullets) is { } line)
                    lines.Add(line);
                start = i;
            }
            row.Clear();
            if (letter is not null)
                row.Add(letter);
        }
        return lines;
    }

    private static Line? ToLine(List<Letter> letters, int page, List<PdfRectangle> bullets)
    {
        var text = new StringBuilder();
        Letter? previous = null;
        foreach (var letter in letters)
        {
            // A space only between Latin words set apart; none where Chinese meets anything.
            if (previous is not null && letter.StartBaseLine.X - previous.EndBaseLine.X > previous.PointSize * 0.2
                && DocumentReaders.NeedsSpace(previous.Value[^1], letter.Value[0]))
                text.Append(' ');
            text.Append(letter.Value);
            previous = letter;
        }
        var value = text.ToString().Trim();
        if (value.Length == 0)
            return null;
        var sizes = letters.Select(letter => letter.PointSize).Order().ToList();
        var size = Math.Round(sizes[sizes.Count / 2], 1);
        var (left, right, baseline) = (letters[0].StartBaseLine.X, letters[^1].EndBaseLine.X, letters[0].StartBaseLine.Y);
        var emphasised = letters.Count(IsEmphasised) * 2 > letters.Count;
        var bulleted = bullets.Any(mark => mark.Right <= left && left - mark.Right <= 2 * size
                                           && mark.Centroid.Y >= baseline - size / 2 && mark.Centroid.Y <= baseline + size);
        return new Line(value, page, left, right, baseline, size, emphasised, bulleted);
    }

    // Chromium prints a bold it made itself (no bold face installed) as a Type3 font.
    private static bool IsEmphasised(Letter letter) =>
        letter.FontDetails?.IsBold == true || letter.RenderingMode == TextRenderingMode.FillThenStroke
        || letter.FontName is { } font && (font.Contains("Bold", StringComparison.OrdinalIgnoreCase) || font == "Type3");

    /// <summary>Small filled shapes: the bullets a browser or a word processor draws before list items, which are not
    /// letters of the text.</summary>
    private static List<PdfRectangle> BulletsDrawn(Page page) =>
        [.. page.Paths.Where(path => path.IsFilled).Select(path => path.GetBoundingRectangle()).OfType<PdfRectangle>()
            .Where(box => box.Width is >= 1 and <= 8 && box.Height is >= 1 and <= 8)];

    /// <summary>
    /// Recursive XY-cut. A region is cut at its widest blank band: a band down the region
    /// parts columns, read left to right; one across parts blocks, read top to bottom. Columns of short ragged lines
    /// are a table's, so such a region is cut across first, into rows, and a row that cannot be cut across further is
    /// one line of cells.
    /// </summary>
    private static List<Line> ReadingOrder(List<Line> lines)
    {
        if (lines.Count <= 1)
            return lines;
        var across = Gaps(lines, line => (-line.Top, -line.Bottom));
        var down = Gaps(lines, line => (line.Left, line.Right));
        var widestAcross = across.Count == 0 ? 0 : across.Max(gap => gap.Width);
        var widestDown = down.Count == 0 ? 0 : down.Max(gap => gap.Width);
        if (widestAcross == 0 && widestDown == 0)
            return [.. lines.OrderByDescending(line => line.Baseline).ThenBy(line => line.Left)];

        if (widestDown > widestAcross)
        {
            var columns = Cut(lines, down, widestDown, line => line.Left);
            if (IsText(columns, lines))
                return [.. columns.SelectMany(ReadingOrder)];
            if (across.Count > 0)
                return [.. Cut(lines, across, widestAcross, line => -line.Top).SelectMany(ReadingOrder)];
            // One table row: its cells (parted at every gap down it), each read on its own, as one line.
            var cells = Cut(lines, down, 0, line => line.Left).Select(cell => DocumentReaders.JoinLines(ReadingOrder(cell).Select(line => line.Text))).ToList();
            var first = lines.MaxBy(line => line.Baseline)!;
            return [new Line(string.Join("｜", cells), first.Page, lines.Min(line => line.Left), lines.Max(line => line.Right), first.Baseline,
                first.Size, lines.All(line => line.Emphasis), Bulleted: false, Row: true)];
        }
        return [.. Cut(lines, across, widestAcross, line => -line.Top).SelectMany(ReadingOrder)];
    }

    private readonly record struct Gap(double From, double To)
    {
        public double Width => To - From;
    }

    /// <summary>The blank bands between the lines' extents along one axis, nothing crossing them.</summary>
    private static List<Gap> Gaps(List<Line> lines, Func<Line, (double From, double To)> extent)
    {
        var gaps = new List<Gap>();
        var spans = lines.Select(extent).OrderBy(span => span.From).ToList();
        var reach = spans[0].To;
        foreach (var (from, to) in spans.Skip(1))
        {
            if (from > reach)
                gaps.Add(new Gap(reach, from));
            reach = Math.Max(reach, to);
        }
        return gaps;
    }

    /// <summary>The lines parted at the widest gap (and those as wide: a table's even rows), in order along the axis.</summary>
    private static List<List<Line>> Cut(List<Line> lines, List<Gap> gaps, double widest, Func<Line, double> position)
    {
        var cuts = gaps.Where(gap => gap.Width >= widest - 0.5).Select(gap => gap.From).Order().ToList();
        return [.. lines.GroupBy(line => cuts.Count(cut => position(line) > cut)).OrderBy(part => part.Key).Select(part => part.ToList())];
    }

    /// <summary>Columns of running text, not of a table: each of several lines, long (a good part of the region's width),
    /// most of them filling their column.</summary>
    private static bool IsText(List<List<Line>> columns, List<Line> region)
    {
        if (columns.Any(column => column.Count < 2))
            return false;
        var width = region.Max(line => line.Right) - region.Min(line => line.Left);
        var widths = region.Select(line => line.Right - line.Left).Order().ToList();
        var full = columns.Sum(column => column.Count(line => line.Right >= column.Max(other => other.Right) - line.Size));
        return widths[widths.Count / 2] >= width * 0.25 && full * 2 >= region.Count;
    }

    /// <summary>
    /// Short or small lines in the top or bottom margin that repeat on at least two pages and half of them (digits aside: a date,
    /// a page number), and lone page numbers there, are the printer's, not the document's; so is small print at the
    /// top of a single page, where nothing can repeat.
    /// </summary>
    private static List<Line> WithoutRunningHeadersAndFooters(List<Line> lines, Dictionary<int, double> heights)
    {
        var body = lines.GroupBy(line => line.Size).MaxBy(size => size.Sum(line => line.Text.Length))!.Key;
        bool AtTop(Line line) => line.Top > heights[line.Page] * 0.9;
        bool InMargin(Line line) => (line.Text.Length <= 60 || line.Size < body * 0.9) && (AtTop(line) || line.Bottom < heights[line.Page] * 0.1);
        // The same text in the same margin: a paragraph ending one page and its like starting the next is no header.
        (string, bool) Key(Line line) => (Digits().Replace(line.Text, "#"), AtTop(line));
        var repeating = lines.Where(InMargin).GroupBy(Key)
            .Where(same => same.Select(line => line.Page).Distinct().Count() is var pages && pages >= 2 && pages * 2 >= heights.Count)
            .Select(same => same.Key).ToHashSet();
        return [.. lines.Where(line => !(InMargin(line) && (repeating.Contains(Key(line)) || PageNumber().IsMatch(line.Text)
                                                           || heights.Count == 1 && AtTop(line) && line.Size < body * 0.9)))];
    }

    /// <summary>Lines as sections of paragraphs. The body size is the size most of the text is set in; a short line set
    /// larger, or in bold, is a heading, and heading lines that follow each other are one heading. The first
    /// heading, before any text, is the title.</summary>
    private static List<Section> Sections(List<Line> lines, out string? title)
    {
        var body = lines.GroupBy(line => line.Size).MaxBy(size => size.Sum(line => line.Text.Length))!.Key;
        var pitch = LinePitch(lines, body);
        // The right edge of a line's column: as far as the lines of its page that start where it starts reach; for a line
        // alone in starting there (a centred title), those that stand over or under it.
        var pages = lines.GroupBy(line => line.Page).ToDictionary(page => page.Key, page => page.ToList());
        bool EndsShort(Line line)
        {
            var aligned = pages[line.Page].Where(other => Math.Abs(other.Left - line.Left) < line.Size).ToList();
            var column = aligned.Count >= 2 ? aligned : pages[line.Page].Where(other => other.Left < line.Right && other.Right > line.Left);
            return line.Right < column.Max(other => other.Right) - 2 * line.Size;
        }
        // Larger than the body; or in bold at its size, short, alone on its line and where a paragraph may start (a bold
        // name that a sentence wraps after is no heading), and not a list item.
        bool IsHeading(Line line, Line? previous, bool previousIsHeading) => !line.Row && !SentenceEnd().IsMatch(line.Text) && !Bullet().IsMatch(line.Text)
            && (line.Size >= body * 1.15 && line.Text.Length <= 60
                || line.Emphasis && line.Size >= body * 0.95 && line.Text.Length <= 30 && !line.Bulleted && EndsShort(line)
                   && (previous is null || previousIsHeading || previous.Size != line.Size || StartsParagraph(line, previous, pitch, EndsShort(previous))));

        var sections = new List<Section>();
        var (heading, paragraphs, current, table) = ("", new List<Paragraph>(), new List<Line>(), new List<Line>());
        title = null;
        void EndParagraph()
        {
            if (current.Count > 0)
                paragraphs.Add(new Paragraph(Bullet().Replace(DocumentReaders.JoinLines(current.Select(line => line.Text)), ""), current[0].Page));
            current.Clear();
            // A bold first row of cells of a table is its header.
            var rows = table.Select(row => (IReadOnlyList<string>)row.Text.Split('｜')).ToList();
            var firstIsHeader = table.Count > 1 && table[0].Emphasis && rows.All(row => row.Count == rows[0].Count);
            paragraphs.AddRange(DocumentReaders.TableRows(rows, firstIsHeader).Zip(table.Skip(firstIsHeader ? 1 : 0), (text, row) => new Paragraph(text, row.Page)));
            table.Clear();
        }
        Line? previous = null;
        var previousWasHeading = false;
        foreach (var line in lines)
        {
            if (IsHeading(line, previous, previousWasHeading))
            {
                EndParagraph();
                // The line just before was a heading of the same size, close above: the same heading, set over two lines.
                var continues = previousWasHeading && previous!.Size == line.Size && previous.Page == line.Page
                                && previous.Baseline - line.Baseline <= line.Size * 2;
                var atStart = sections.Count == 0 && paragraphs.Count == 0 && heading.Length == 0;
                if (continues && atStart && title is not null)
                    title = DocumentReaders.JoinLines([title, line.Text]);
                else if (continues)
                    heading = DocumentReaders.JoinLines([heading, line.Text]);
                else if (atStart && title is null && previous is null)
                    title = line.Text;
                else
                {
                    if (paragraphs.Count > 0)
                        sections.Add(new Section(heading, paragraphs));
                    (heading, paragraphs) = (line.Text, []);
                }
                (previous, previousWasHeading) = (line, true);
                continue;
            }
            if (line.Row)
            {
                if (current.Count > 0 || table.Count > 0 && table[^1].Text.Count(c => c == '｜') != line.Text.Count(c => c == '｜'))
                    EndParagraph();
                table.Add(line);
                (previous, previousWasHeading) = (line, false);
                continue;
            }
            if (current.Count > 0 && StartsParagraph(line, previous!, pitch, EndsShort(previous!)) || table.Count > 0)
                EndParagraph();
            current.Add(line);
            (previous, previousWasHeading) = (line, false);
        }
        EndParagraph();
        if (paragraphs.Count > 0)
            sections.Add(new Section(heading, paragraphs));
        return sections;
    }

    /// <summary>The distance from one line's baseline to the next in a paragraph: what sets a paragraph apart is more
    /// than that.</summary>
    private static double LinePitch(List<Line> lines, double body)
    {
        var pitches = lines.Zip(lines.Skip(1))
            .Where(pair => pair.First.Page == pair.Second.Page && pair.First.Size == body && pair.Second.Size == body
                           && pair.First.Baseline > pair.Second.Baseline)
            .Select(pair => pair.First.Baseline - pair.Second.Baseline).Order().ToList();
        // Low in the distribution: where most paragraphs are one or two lines, the spacing between them is as frequent.
        return pitches.Count == 0 ? body * 1.2 : pitches[pitches.Count / 5];
    }

    /// <summary>
    /// A table row, a bullet, or a number ("2.", "(b)") after a line that ended a sentence or a lead-in and set apart from
    /// it (a line wrapped before 「5、全球第 17」 or 「（b）」 in a running paragraph is not) starts a paragraph; so does a line set well apart, and a line after a sentence
    /// that ended short of its column's edge or a little apart. A sentence left unfinished goes
    /// on in the next line, at the top of the next column or on the next page.
    /// </summary>
    private static bool StartsParagraph(Line line, Line previous, double pitch, bool previousEndsShort)
    {
        var drop = previous.Baseline - line.Baseline;
        if (line.Row || previous.Row || line.Bulleted || Bullet().IsMatch(line.Text)
            || Numbered().IsMatch(line.Text) && Ended().IsMatch(previous.Text) && (previousEndsShort || drop > pitch * 1.1 || Math.Abs(line.Left - previous.Left) > 1))
            return true;
        var endedSentence = SentenceEnd().IsMatch(previous.Text);
        // The next page, or back up the page to the next column: where a sentence goes on as over a page break.
        if (line.Page != previous.Page || drop < 0)
            return endedSentence;
        return drop > pitch * 1.4 || endedSentence && (previousEndsShort || drop > pitch * 1.1);
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

    // A list marker alone: "1." "(a)" "•".
    [GeneratedRegex(@"^(?:\d{1,2}[.)、]|[（(][a-z\d一二三四五六七八九十]{1,3}[)）]|[•●▪■◆◼➢✓·・\-–*\uF0B7\uF0A7\uF06C\uF0D8\uF0FC])$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"[。！？；）)」』》〕\].!?]$")]
    private static partial Regex SentenceEnd();
}
