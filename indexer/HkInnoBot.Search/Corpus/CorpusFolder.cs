namespace HkInnoBot.Search.Corpus;

/// <summary>
/// What the corpus folder holds, by file name, size and time of last change: cheap to take every second, so the folder
/// is watched by looking at it (which works on every file system, network and container mounts included) rather than
/// by change notifications.
/// </summary>
public static class CorpusFolder
{
    /// <param name="Documents">The documents' text and metadata files.</param>
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
            Describe(files.Where(file => file.Name.EndsWith(".txt", StringComparison.Ordinal) && file.Name != Ranking.Synonyms.FileName
                                         || file.Name.EndsWith(CorpusDocument.MetadataSuffix, StringComparison.Ordinal))),
            Describe(files.Where(file => file.Name == Ranking.Synonyms.FileName)));
    }
}
