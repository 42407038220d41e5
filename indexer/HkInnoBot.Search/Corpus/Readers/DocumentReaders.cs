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

    /// <summary>Whether two pieces of text set apart need a space between them: only two Latin ones do.</summary>
    public static bool NeedsSpace(char before, char after) => IsLatin(before) && IsLatin(after);

    private static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c) || c is ',' or '.' or ';' or ':' or ')' or '(' or '&' or '\'';

    /// <summary>A document's own title from a title that also names its site: 「創新及科技 | 香港特別行政區政府」 is
    /// 「創新及科技」.</summary>
    public static string? OwnTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) ? null : title.Split([" | ", " - ", "｜"], StringSplitOptions.TrimEntries)[0];

    /// <summary>A line that is only a date: 「（更新日期：2024 年 7 月 25 日）」, a bare 「2024 年 7 月」 closing a sheet,
    /// the 2024-07-25 under a Word file's title.</summary>
    public static bool IsDateLine(string line) => DateLine().IsMatch(line);

    [GeneratedRegex(@"^[（(]?\s*(?:(?:更新日期|修訂日期|最後更新|上載日期)\s*[：:]?)?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}-\d{1,2}-\d{1,2})\s*[）)]?$")]
    private static partial Regex DateLine();

    /// <summary>A date in a document's own words or in file metadata, as yyyy-MM-dd: 「2024 年 7 月 25 日」, 2024-07-25,
    /// 25 July 2024; null when there is none.</summary>
    public static string? DateIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var chinese = Regex.Match(text, @"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?");
        if (chinese.Success)
            return $"{chinese.Groups[1].Value}-{int.Parse(chinese.Groups[2].Value):00}-{(chinese.Groups[3].Success ? int.Parse(chinese.Groups[3].Value) : 1):00}";
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
