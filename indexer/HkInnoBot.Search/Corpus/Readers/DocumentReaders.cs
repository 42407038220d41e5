using System.Text;
using System.Text.RegularExpressions;

namespace HkInnoBot.Search.Corpus.Readers;

/// <summary>Reads one file format into a <see cref="DocumentContent"/>. Adding a format adds a reader here, and nothing
/// else changes.</summary>
internal interface IDocumentReader
{
    /// <summary>The file extensions it reads, lower case, with the dot.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>The file's sections, paragraphs and metadata; throws <see cref="UnreadableDocumentException"/> when the
    /// file cannot be read as a document.</summary>
    DocumentContent Read(string path);
}

internal static partial class DocumentReaders
{
    private static readonly IDocumentReader[] All = [new TextReader(), new PdfReader(), new HtmlReader(), new DocxReader()];

    /// <summary>The reader for a file, by its extension; null for a file that is no document (metadata, synonyms).</summary>
    public static IDocumentReader? For(string path) =>
        Path.GetFileName(path) == Ranking.Synonyms.FileName ? null
            : All.FirstOrDefault(reader => reader.Extensions.Contains(Path.GetExtension(path).ToLowerInvariant()));

    public static bool IsDocument(string path) => For(path) is not null;

    static DocumentReaders() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A text file's text: UTF-8 (or what its byte-order mark says), else Big5, which older Hong Kong government
    /// files are in.</summary>
    public static string ReadText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("big5").GetString(bytes);
        }
    }

    /// <summary>Joins lines of one paragraph: Chinese lines run on without a space (a line break in a CJK sentence is no
    /// word boundary), Latin words keep one.</summary>
    public static string JoinLines(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (text.Length > 0 && NeedsSpace(text[^1], line[0]))
                text.Append(' ');
            text.Append(line);
        }
        return text.ToString();
    }

    /// <summary>
    /// A table's rows as paragraphs, a row's cells parted by 「｜」. Under a header row, each cell is named by its column
    /// (「行業：生物醫藥｜獲批項目數目：6」), so a row found alone still says what its figures are, and the header row
    /// is no paragraph of its own.
    /// </summary>
    public static IEnumerable<string> TableRows(IReadOnlyList<IReadOnlyList<string>> rows, bool firstIsHeader)
    {
        var header = firstIsHeader && rows.Count > 1 ? rows[0] : null;
        foreach (var row in header is null ? rows : rows.Skip(1))
        {
            var cells = row.Select((cell, i) => header is not null && row.Count == header.Count && header[i].Length > 0 && cell.Length > 0
                ? $"{header[i]}：{cell}" : cell).Where(cell => cell.Length > 0).ToList();
            if (cells.Count > 0)
                yield return string.Join("｜", cells);
        }
    }

    /// <summary>一 to 三十一: 「十」 is ten, 「十二」 twelve, 「二十五」 twenty-five.</summary>
    private static int Numeral(string text)
    {
        var ten = text.IndexOf('十');
        if (ten < 0)
            return Digit(text[0]);
        return (ten == 0 ? 1 : Digit(text[0])) * 10 + (ten == text.Length - 1 ? 0 : Digit(text[^1]));
    }

    private static int Digit(char c) => c == '零' ? 0 : "〇一二三四五六七八九".IndexOf(c);

    /// <summary>Whether two pieces of text set apart need a space between them: only two Latin ones do.</summary>
    public static bool NeedsSpace(char before, char after) => IsLatin(before) && IsLatin(after);

    private static bool IsLatin(char c) => char.IsAscii(c) && !char.IsWhiteSpace(c);

    /// <summary>A document's own title from a title that also names its site: 「創新及科技 | 香港特別行政區政府」 is
    /// 「創新及科技」. A title of more parts (「基金 - 計劃 - 申請須知」) is a trail whose order sites differ on, so it is
    /// kept whole.</summary>
    public static string? OwnTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            return null;
        var parts = title.Split([" | ", " - ", "｜"], StringSplitOptions.TrimEntries);
        return parts.Length == 2 ? parts[0] : title.Trim();
    }

    /// <summary>A line that is only a date, perhaps with who issued it: 「（更新日期：2024 年 7 月 25 日）」, a bare
    /// 「2024 年 7 月」 closing a sheet, 「創新科技署　二零二五年三月」 under a title, 「2025年2月18日（星期二）」 over a press
    /// release, the 2024-07-25 under a Word file's title, "Last revision date: 20 January 2025" at a page's foot.</summary>
    public static bool IsDateLine(string line) => DateLine().IsMatch(line);

    [GeneratedRegex(@"^[（(]?\s*(?:(?:(?:最後)?(?:更新|修訂|修改)日期|最後更新|上載日期|Last (?:revision date|revised|updated|modified))\s*[：:]?|[^\s\d。，；：！？「」]{2,16}?)?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}-\d{1,2}-\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})\s*(?:[（(]星期[一二三四五六日天][）)])?\s*[）)]?$")]
    private static partial Regex DateLine();

    /// <summary>A date in a document's own words or in file metadata, as yyyy-MM-dd: 「2024 年 7 月 25 日」,
    /// 「二零二五年三月」, 2024-07-25, 25 July 2024; null when there is none.</summary>
    public static string? DateIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var chinese = Regex.Match(text, @"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?");
        if (chinese.Success)
            return $"{chinese.Groups[1].Value}-{int.Parse(chinese.Groups[2].Value):00}-{(chinese.Groups[3].Success ? int.Parse(chinese.Groups[3].Value) : 1):00}";
        // 「二零二五年三月十五日」, as government papers write dates.
        var written = Regex.Match(text, @"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?");
        if (written.Success && Numeral(written.Groups[2].Value) is >= 1 and <= 12 and var month
            && (written.Groups[3].Success ? Numeral(written.Groups[3].Value) : 1) is >= 1 and <= 31 and var day)
            return $"{string.Concat(written.Groups[1].Value.Select(c => (char)('0' + Digit(c))))}-{month:00}-{day:00}";
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
