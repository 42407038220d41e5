using System.Globalization;
using System.Text.Json;
using HkInnoBot.Search.Corpus.Readers;

namespace HkInnoBot.Search.Corpus;

/// <summary>What a document is cited by. <paramref name="Url"/> is where it is published, when known.</summary>
public sealed record DocumentMetadata(string Title, string Updated, string? Language = null, string? Url = null, string? Publisher = null);

/// <summary>A file of the corpus that is not indexed, and why: one line of the build's output and of /healthz.</summary>
public sealed record SkippedFile(string File, string Reason)
{
    public override string ToString() => $"{File}: {Reason}";
}

/// <summary>What the corpus folder gives: its documents, and the files it could not read.</summary>
public sealed record CorpusContents(IReadOnlyList<CorpusDocument> Documents, IReadOnlyList<SkippedFile> Skipped);

/// <summary>
/// A document of <c>corpus/</c>, in any format a reader takes (<see cref="DocumentReaders"/>): text, PDF, web page or
/// Word file. Its metadata is what the file says of itself; a sidecar <c>NAME.meta.json</c> overrides it field by field
/// ("title", "updated", "language", "url", "publisher"), and what neither gives falls back to the file's name and date.
/// </summary>
/// <param name="Id">The file name without its extension: the prefix of its passages' ids, so they survive a change
/// of format. Two files of one name in different formats are told apart by their extensions.</param>
/// <param name="File">The file's name in the corpus folder.</param>
public sealed record CorpusDocument(string Id, string File, DocumentMetadata Metadata, IReadOnlyList<Section> Sections)
{
    public const string MetadataSuffix = ".meta.json";

    /// <summary>Every document in the folder, in file-name order, and the files skipped. Throws
    /// <see cref="CorpusException"/> when no document in it can be read.</summary>
    public static CorpusContents LoadAll(string corpusPath, long maxBytes)
    {
        var files = Directory.GetFiles(corpusPath).Order(StringComparer.Ordinal).ToList();
        var documentFiles = files.Where(DocumentReaders.IsDocument).ToList();
        var stems = documentFiles.GroupBy(Stem).Where(same => same.Count() > 1).Select(same => same.Key).ToHashSet();
        var documents = new List<CorpusDocument>();
        var skipped = new List<SkippedFile>();
        foreach (var path in documentFiles)
        {
            var id = stems.Contains(Stem(path)) ? Path.GetFileName(path) : Stem(path);
            try
            {
                documents.Add(Load(path, id, maxBytes, skipped));
            }
            catch (UnreadableDocumentException e)
            {
                skipped.Add(new SkippedFile(Path.GetFileName(path), e.Message));
            }
        }
        foreach (var sidecar in files.Where(file => file.EndsWith(MetadataSuffix, StringComparison.Ordinal)))
            if (!documentFiles.Any(document => Stem(document) == Path.GetFileName(sidecar)[..^MetadataSuffix.Length]))
                skipped.Add(new SkippedFile(Path.GetFileName(sidecar), "no document of that name beside it"));
        return documents.Count > 0
            ? new CorpusContents(documents, skipped)
            : throw new CorpusException(documentFiles.Count == 0
                ? $"No documents in {corpusPath}"
                : $"No readable documents in {corpusPath} ({string.Join("; ", skipped)})");
    }

    /// <summary>One file as a document; throws <see cref="UnreadableDocumentException"/> when it cannot be one. A
    /// sidecar that is not valid JSON is reported in <paramref name="skipped"/> and the file's own metadata used.</summary>
    public static CorpusDocument Load(string path, string id, long maxBytes, List<SkippedFile> skipped)
    {
        var file = new FileInfo(path);
        if (file.Length == 0)
            throw new UnreadableDocumentException("an empty file");
        if (file.Length > maxBytes)
            throw new UnreadableDocumentException($"{file.Length / 1_000_000} MB, over the {maxBytes / 1_000_000} MB limit (Search:MaxDocumentBytes)");
        DocumentContent content;
        try
        {
            content = DocumentReaders.For(path)!.Read(path);
        }
        catch (Exception e) when (e is not UnreadableDocumentException and not OutOfMemoryException)
        {
            // A reader's library may fail on a damaged file in ways nobody listed; the file is skipped, the build goes on.
            throw new UnreadableDocumentException($"cannot be read ({e.GetType().Name}: {e.Message})");
        }
        var (sections, statedDate) = WithoutDateLines(content.Sections);
        if (sections.Count == 0)
            throw new UnreadableDocumentException("no text");
        var sidecar = Sidecar(path, skipped);
        var own = content.Metadata;
        var metadata = new DocumentMetadata(
            Title: Pick(sidecar?.Title, own.Title) ?? Stem(path),
            Updated: Pick(sidecar?.Updated, statedDate, own.Updated) ?? file.LastWriteTimeUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Language: Pick(sidecar?.Language, own.Language),
            Url: Pick(sidecar?.Url, own.Url),
            Publisher: Pick(sidecar?.Publisher));
        return new CorpusDocument(id, file.Name, metadata, sections);
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path);

    private static string? Pick(params string?[] candidates) => candidates.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

    private sealed record SidecarFields(string? Title, string? Updated, string? Language, string? Url, string? Publisher);

    private static SidecarFields? Sidecar(string documentPath, List<SkippedFile> skipped)
    {
        var path = Path.Combine(Path.GetDirectoryName(documentPath)!, Stem(documentPath) + MetadataSuffix);
        if (!System.IO.File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<SidecarFields>(System.IO.File.ReadAllText(path), Json.Lenient);
        }
        catch (JsonException e)
        {
            skipped.Add(new SkippedFile(Path.GetFileName(path), $"not valid JSON, so {Path.GetFileName(documentPath)} is cited by its own metadata ({e.Message})"));
            return null;
        }
    }

    /// <summary>
    /// The document without its date lines (「（更新日期：2024 年 7 月 25 日）」, a bare 「2024 年 7 月」 closing a sheet),
    /// which are no passage, and the first of them as the date the document states (whatever the format, a fact sheet
    /// closes with one); and without paragraphs of one character.
    /// </summary>
    private static (IReadOnlyList<Section> Sections, string? StatedDate) WithoutDateLines(IReadOnlyList<Section> sections)
    {
        string? stated = null;
        var kept = new List<Section>();
        foreach (var section in sections)
        {
            var paragraphs = new List<Paragraph>();
            foreach (var paragraph in section.Paragraphs)
            {
                if (DocumentReaders.IsDateLine(paragraph.Text))
                    stated ??= DocumentReaders.DateIn(paragraph.Text);
                else if (paragraph.Text.Length > 1) // a press release's closing 「完」 says nothing
                    paragraphs.Add(paragraph);
            }
            if (paragraphs.Count > 0)
                kept.Add(section with { Paragraphs = paragraphs });
        }
        return (kept, stated);
    }
}

public sealed class CorpusException(string message) : Exception(message);
