using System.Text.Json;

namespace HkInnoBot.Search.Corpus;

/// <summary>Citation metadata of a document, read from its sidecar <c>NAME.meta.json</c>.</summary>
public sealed record DocumentMetadata(string Title, string Publisher, string Updated, string Language);

/// <summary>A source text in <c>corpus/</c>: <c>NAME.txt</c> plus its sidecar <c>NAME.meta.json</c>.</summary>
public sealed record CorpusDocument(string Id, DocumentMetadata Metadata, string Text)
{
    public const string MetadataSuffix = ".meta.json";

    /// <summary>Every document in the folder, in file-name order. A document is announced by its sidecar, so other
    /// data files (synonyms) can live in the same folder.</summary>
    public static IReadOnlyList<CorpusDocument> LoadAll(string corpusPath)
    {
        if (!Directory.Exists(corpusPath))
            throw new CorpusException($"Corpus folder not found: {corpusPath}");
        var documents = Directory.GetFiles(corpusPath, "*" + MetadataSuffix)
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();
        return documents.Count > 0 ? documents : throw new CorpusException($"No documents (*{MetadataSuffix}) in {corpusPath}");
    }

    private static CorpusDocument Load(string metadataPath)
    {
        var id = Path.GetFileName(metadataPath)[..^MetadataSuffix.Length];
        var textPath = Path.Combine(Path.GetDirectoryName(metadataPath)!, id + ".txt");
        if (!File.Exists(textPath))
            throw new CorpusException($"{metadataPath} has no text file {id}.txt beside it");
        DocumentMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<DocumentMetadata>(File.ReadAllText(metadataPath), Json.Lenient);
        }
        catch (JsonException e)
        {
            throw new CorpusException($"{metadataPath} is not valid JSON: {e.Message}");
        }
        if (metadata is null || string.IsNullOrWhiteSpace(metadata.Title) || string.IsNullOrWhiteSpace(metadata.Updated))
            throw new CorpusException($"{metadataPath} needs at least \"title\" and \"updated\"");
        return new CorpusDocument(id, metadata, File.ReadAllText(textPath));
    }
}

public sealed class CorpusException(string message) : Exception(message);
