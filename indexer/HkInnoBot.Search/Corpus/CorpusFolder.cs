using System.Security.Cryptography;
using HkInnoBot.Search.Corpus.Readers;

namespace HkInnoBot.Search.Corpus;

/// <summary>
/// What the corpus folder holds, by file name, size and time of last change: cheap to take every second, so the folder
/// is watched by looking at it (which works on every file system, network and container mounts included) rather than
/// by change notifications.
/// </summary>
public static class CorpusFolder
{
    /// <param name="Documents">The documents and their metadata sidecars.</param>
    /// <param name="Synonyms">synonyms.txt, empty when there is none.</param>
    public sealed record Snapshot(string Documents, string Synonyms);

    public static Snapshot Look(string corpusPath)
    {
        if (!Directory.Exists(corpusPath))
            return new Snapshot("", "");
        var files = new DirectoryInfo(corpusPath).GetFiles().OrderBy(file => file.Name, StringComparer.Ordinal).ToList();
        string Describe(IEnumerable<FileInfo> selected) =>
            string.Join('\n', selected.Select(file => $"{file.Name}|{file.Length}|{file.LastWriteTimeUtc.Ticks}"));
        return new Snapshot(
            Describe(files.Where(file => IsIndexed(file.FullName))),
            Describe(files.Where(file => file.Name == Ranking.Synonyms.FileName)));
    }

    /// <summary>A hash of the bytes of every file the index is built from, so an edited corpus is noticed without
    /// reading any document. A file over the size limit is skipped by the build, so its name and size stand for it.</summary>
    public static string ContentHash(string corpusPath, long maxBytes)
    {
        if (!Directory.Exists(corpusPath))
            throw new CorpusException($"Corpus folder not found: {corpusPath}");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new DirectoryInfo(corpusPath).GetFiles().Where(file => IsIndexed(file.FullName)).OrderBy(file => file.Name, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{file.Name}\0{file.Length}\0"));
            if (file.Length <= maxBytes)
            {
                using var stream = file.OpenRead();
                var buffer = new byte[81920];
                for (int read; (read = stream.Read(buffer)) > 0;)
                    sha.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static bool IsIndexed(string path) =>
        DocumentReaders.IsDocument(path) || path.EndsWith(CorpusDocument.MetadataSuffix, StringComparison.Ordinal);
}
