using System.Diagnostics;
using System.Security.Cryptography;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Corpus;
using HkInnoBot.Search.Ranking;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Search.Index;

/// <summary>
/// The on-disk index. <c>IndexPath</c> holds generations (<c>gen-…</c> folders) and a <c>CURRENT</c> file naming the
/// one in use. A build writes a new generation and then renames a new <c>CURRENT</c> into place, which is atomic: a
/// build that fails or is killed leaves the previous index serving.
/// </summary>
public static class PassageIndex
{
    public const string IdField = "id", SectionField = "section", TitleField = "title", UpdatedField = "updated", PassageTextField = "text";
    private const string CurrentFile = "CURRENT", GenerationPrefix = "gen-";
    private const string CorpusHashKey = "corpus-sha256", VersionKey = "analysis-version";

    public static readonly PassageSimilarity Similarity = new();

    public enum Status { Current, Stale, Missing }

    /// <summary>How long a build waits for another process's build of the same index to finish.</summary>
    private static readonly TimeSpan BuildLockTimeout = TimeSpan.FromMinutes(2);

    public sealed record BuildSummary(int Documents, int Passages, TimeSpan Elapsed);

    /// <summary>Builds the index from <c>CorpusPath</c> when missing or stale, then opens it. A failed build falls
    /// back to the previous index when there is one.</summary>
    public static DirectoryReader OpenOrBuild(SearchSettings settings, ILogger logger)
    {
        if (Check(settings) != Status.Current)
        {
            try
            {
                using var buildLock = AcquireBuildLock(settings.IndexPath);
                // Another process (a second bot, the indexer) may have built it while this one waited.
                var status = Check(settings);
                if (status != Status.Current)
                    BuildLocked(settings, logger, status);
            }
            catch (Exception e) when (e is CorpusException or IOException or UnauthorizedAccessException)
            {
                if (Check(settings) == Status.Missing)
                    throw new IndexUnavailableException($"No index at {settings.IndexPath} and the build failed: {e.Message}", e);
                logger.LogError(e, "Index build failed; serving the previous index");
            }
        }
        return Open(settings);
    }

    /// <summary>
    /// Opens the index in use, copied into memory: it is small (about 1 KB a passage), and Lucene.NET's memory-mapped
    /// inputs register every clone in a weak table under a lock, which every term of every query pays for (a quarter of
    /// a question's time in the profile, and a queue between threads). Disposing the reader's
    /// <see cref="DirectoryReader.Directory"/> is the caller's.
    /// </summary>
    public static DirectoryReader Open(SearchSettings settings)
    {
        using var onDisk = OpenCurrent(settings.IndexPath)
            ?? throw new IndexUnavailableException($"No usable index at {settings.IndexPath}");
        try
        {
            return DirectoryReader.Open(new RAMDirectory(onDisk, IOContext.READ_ONCE));
        }
        catch (IOException e)
        {
            throw new IndexUnavailableException($"The index at {settings.IndexPath} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Whether the index on disk was built from this corpus by this analysis version.</summary>
    public static Status Check(SearchSettings settings)
    {
        using var directory = OpenCurrent(settings.IndexPath);
        if (directory is null)
            return Status.Missing;
        try
        {
            var userData = DirectoryReader.ListCommits(directory)[^1].UserData;
            var builtFrom = userData.TryGetValue(CorpusHashKey, out var hash) ? hash : null;
            var builtBy = userData.TryGetValue(VersionKey, out var version) ? version : null;
            return builtBy == ChineseAnalysis.Version && builtFrom == CorpusHash(CorpusDocument.LoadAll(settings.CorpusPath))
                ? Status.Current
                : Status.Stale;
        }
        catch (IOException)
        {
            // Lucene's CorruptIndexException and IndexNotFoundException are IOExceptions too.
            return Status.Missing;
        }
        catch (CorpusException)
        {
            // Rebuilding will fail and say why; the index on disk keeps serving meanwhile.
            return Status.Stale;
        }
    }

    /// <summary>Builds a new generation and switches to it; one build at a time per index folder, across processes.</summary>
    public static BuildSummary Build(SearchSettings settings, ILogger logger)
    {
        using var buildLock = AcquireBuildLock(settings.IndexPath);
        return BuildLocked(settings, logger, Check(settings));
    }

    private static BuildSummary BuildLocked(SearchSettings settings, ILogger logger, Status status)
    {
        logger.LogInformation("Index at {IndexPath} is {Status}; building from {CorpusPath}", settings.IndexPath, status, settings.CorpusPath);
        var clock = Stopwatch.StartNew();
        var documents = CorpusDocument.LoadAll(settings.CorpusPath);

        var generation = $"{GenerationPrefix}{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}"[..40];
        var passages = 0;
        using (var directory = FSDirectory.Open(Path.Combine(settings.IndexPath, generation)))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(ChineseAnalysis.MatchVersion, ChineseAnalysis.Create())
               {
                   OpenMode = OpenMode.CREATE,
                   Similarity = Similarity,
               }))
        {
            foreach (var document in documents)
            {
                var count = 0;
                foreach (var passage in Chunker.Split(document))
                {
                    writer.AddDocument(ToLucene(passage));
                    count++;
                }
                if (count == 0)
                    throw new CorpusException($"{document.Id}.txt has no passages");
                logger.LogInformation("{Document}: {Passages} passages", document.Id, count);
                passages += count;
            }
            // One segment: a question then looks each term up once.
            writer.ForceMerge(1);
            writer.SetCommitData(new Dictionary<string, string>
            {
                [CorpusHashKey] = CorpusHash(documents),
                [VersionKey] = ChineseAnalysis.Version,
            });
            writer.Commit();
        }

        SwitchTo(settings.IndexPath, generation);
        logger.LogInformation("Indexed {Passages} passages from {Documents} document(s) in {Seconds:F2} s",
            passages, documents.Count, clock.Elapsed.TotalSeconds);
        return new BuildSummary(documents.Count, passages, clock.Elapsed);
    }

    /// <summary>A content hash of everything that goes into the index, so an edited corpus is noticed.</summary>
    public static string CorpusHash(IEnumerable<CorpusDocument> documents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in documents)
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(
                $"{document.Id}\0{System.Text.Json.JsonSerializer.Serialize(document.Metadata)}\0{document.Text}\0"));
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    // Offsets in the postings let an answer mark the question's words without analysing its passage again.
    private static readonly FieldType WordsWithOffsets = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    private static Document ToLucene(Passage passage)
    {
        return
        [
            new StringField(IdField, passage.Id, Field.Store.YES),
            new StoredField(SectionField, passage.Section),
            new StoredField(TitleField, passage.Document.Metadata.Title),
            new StoredField(UpdatedField, passage.Document.Metadata.Updated),
            new StoredField(PassageTextField, passage.Text),
            new Field(ChineseAnalysis.WordsField, passage.Text, WordsWithOffsets),
            new TextField(ChineseAnalysis.BigramsField, passage.Text, Field.Store.NO),
        ];
    }

    /// <summary>An exclusive lock on <c>build.lock</c> (advisory on POSIX, honoured by every build of this code).</summary>
    private static FileStream AcquireBuildLock(string indexPath)
    {
        System.IO.Directory.CreateDirectory(indexPath);
        var path = Path.Combine(indexPath, "build.lock");
        var deadline = DateTime.UtcNow + BuildLockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static FSDirectory? OpenCurrent(string indexPath)
    {
        var pointer = Path.Combine(indexPath, CurrentFile);
        if (!File.Exists(pointer))
            return null;
        var generation = Path.Combine(indexPath, File.ReadAllText(pointer).Trim());
        return System.IO.Directory.Exists(generation) ? FSDirectory.Open(generation) : null;
    }

    private static void SwitchTo(string indexPath, string generation)
    {
        var pointer = Path.Combine(indexPath, CurrentFile);
        var next = pointer + ".next";
        File.WriteAllText(next, generation);
        File.Move(next, pointer, overwrite: true);
        RemoveGenerationsOlderThan(indexPath, generation);
    }

    /// <summary>Deletes the generations before <paramref name="current"/>: replaced ones and half-written ones of
    /// killed builds (names sort by time; builds hold the build lock, so none is in progress). Open readers keep their
    /// files on POSIX; where deletion is refused, the folder waits for the next build.</summary>
    private static void RemoveGenerationsOlderThan(string indexPath, string current)
    {
        foreach (var folder in System.IO.Directory.GetDirectories(indexPath, GenerationPrefix + "*"))
        {
            if (string.CompareOrdinal(Path.GetFileName(folder), current) >= 0)
                continue;
            try { System.IO.Directory.Delete(folder, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
