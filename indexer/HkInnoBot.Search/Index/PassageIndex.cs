using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Corpus;
using HkInnoBot.Search.Ranking;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Search.Index;

/// <summary>
/// The on-disk index: one Lucene index in <c>IndexPath</c>. A build replaces all of it in one commit: Lucene writes the
/// new files first and the commit point last, so a build that fails or is killed leaves the previous commit, which is
/// what readers open. Builds of one folder take turns on Lucene's write lock, across processes.
/// </summary>
public static class PassageIndex
{
    public const string IdField = "id", SectionField = "section", TitleField = "title", UpdatedField = "updated", PassageTextField = "text",
        DocumentField = "document", PageField = "page", UrlField = "url";
    private const string CorpusHashKey = "corpus-sha256", VersionKey = "analysis-version", BuiltKey = "built-utc", DocumentsKey = "documents",
        SkippedKey = "skipped";

    public static readonly PassageSimilarity Similarity = new();

    /// <summary>How long a build waits for another process's build of the same index to finish.</summary>
    private static readonly TimeSpan BuildLockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Missing covers an index that cannot be opened or fails its checksums: either way it must be rebuilt.</summary>
    public enum Status { Current, Stale, Missing }

    /// <param name="Reason">Why the index is not current, for the log.</param>
    public sealed record State(Status Status, string? Reason = null);

    public sealed record BuildSummary(int Documents, int Passages, TimeSpan Elapsed, IReadOnlyList<SkippedFile> Skipped);

    /// <summary>What a commit of the index records about itself: <paramref name="Skipped"/> are the corpus's files it
    /// left out, one line each («file: why»).</summary>
    public sealed record CommitInfo(long Generation, DateTimeOffset Built, int Documents, IReadOnlyList<string> Skipped);

    /// <summary>Whether the index on disk opens, passes its checksums, and was built from this corpus by this
    /// analysis version.</summary>
    public static State Check(SearchSettings settings)
    {
        try
        {
            using var directory = FSDirectory.Open(settings.IndexPath);
            if (!DirectoryReader.IndexExists(directory))
                return new State(Status.Missing, "no index");
            using var reader = OpenVerified(directory);
            var data = reader.IndexCommit.UserData;
            if (!data.TryGetValue(VersionKey, out var version) || version != ChineseAnalysis.Version)
                return new State(Status.Stale, "built by another analysis version");
            return data.TryGetValue(CorpusHashKey, out var hash) && hash == CorpusFolder.ContentHash(settings.CorpusPath, settings.MaxDocumentBytes)
                ? new State(Status.Current)
                : new State(Status.Stale, "the corpus changed");
        }
        catch (CorpusException e)
        {
            // Rebuilding will fail and say why; the index on disk keeps serving meanwhile.
            return new State(Status.Stale, e.Message);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return new State(Status.Missing, $"unreadable ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>
    /// Opens the latest commit and checks every file against its checksum, so a truncated or garbled index is found
    /// here, not by a question. Lucene reports damage in many ways (<see cref="IsUnreadable"/>).
    /// </summary>
    public static DirectoryReader OpenVerified(Lucene.Net.Store.Directory directory)
    {
        var reader = DirectoryReader.Open(directory);
        try
        {
            Verify(reader);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public static void Verify(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
            leaf.AtomicReader.CheckIntegrity();
    }

    /// <summary>Damage to index files surfaces as I/O errors, but also as failed decoding or slicing of what was read.</summary>
    public static bool IsUnreadable(Exception e) =>
        e is IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException
            or System.Text.DecoderFallbackException or UnauthorizedAccessException or OverflowException;

    public static CommitInfo Describe(DirectoryReader reader)
    {
        var data = reader.IndexCommit.UserData;
        return new CommitInfo(
            reader.IndexCommit.Generation,
            data.TryGetValue(BuiltKey, out var built) ? DateTimeOffset.Parse(built, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue,
            data.TryGetValue(DocumentsKey, out var documents) ? int.Parse(documents, CultureInfo.InvariantCulture) : 0,
            data.TryGetValue(SkippedKey, out var skipped) ? JsonSerializer.Deserialize<string[]>(skipped) ?? [] : []);
    }

    /// <summary>Builds the index from the corpus when it is missing, damaged or stale. A failed build of a stale index
    /// leaves it serving, and why it failed is returned (null when all is well); with nothing to serve, the index is
    /// unavailable.</summary>
    public static string? BuildIfNeeded(SearchSettings settings, ILogger logger)
    {
        var state = Check(settings);
        if (state.Status == Status.Current)
            return null;
        logger.LogInformation("Index at {IndexPath} is {Status} ({Reason}); building from {CorpusPath}",
            settings.IndexPath, state.Status, state.Reason, settings.CorpusPath);
        try
        {
            Build(settings, logger);
            return null;
        }
        catch (Exception e) when (e is CorpusException || IsUnreadable(e))
        {
            if (Check(settings).Status == Status.Missing)
                throw new IndexUnavailableException($"No usable index at {settings.IndexPath} and the build failed: {e.Message}", e);
            logger.LogError("Index build failed, so the previous index keeps serving: {Reason}", e.Message);
            return e.Message;
        }
    }

    /// <summary>Replaces the index with one built from the corpus, in one commit. Waits for another build of the same
    /// folder (this process or another) to finish first.</summary>
    public static BuildSummary Build(SearchSettings settings, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        // Hashed before reading, so a file changed during the build makes the index stale, not wrongly current.
        var corpusHash = CorpusFolder.ContentHash(settings.CorpusPath, settings.MaxDocumentBytes);
        var (documents, skipped) = CorpusDocument.LoadAll(settings.CorpusPath, settings.MaxDocumentBytes);
        foreach (var file in skipped)
            logger.LogWarning("Skipped {File}: {Reason}", file.File, file.Reason);
        using var directory = FSDirectory.Open(settings.IndexPath);
        using var writer = OpenWriter(directory, logger);
        var passages = 0;
        try
        {
            foreach (var document in documents)
            {
                var count = 0;
                foreach (var passage in Chunker.Split(document))
                {
                    writer.AddDocument(ToLucene(passage));
                    count++;
                }
                logger.LogInformation("{Document}: {Passages} passages", document.File, count);
                passages += count;
            }
            // One segment: a question then looks each term up once.
            writer.ForceMerge(1);
            writer.SetCommitData(new Dictionary<string, string>
            {
                [CorpusHashKey] = corpusHash,
                [VersionKey] = ChineseAnalysis.Version,
                [BuiltKey] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [DocumentsKey] = documents.Count.ToString(CultureInfo.InvariantCulture),
                [SkippedKey] = JsonSerializer.Serialize(skipped.Select(file => file.ToString())),
            });
            writer.Commit();
        }
        catch
        {
            // Closing a writer commits what it holds; a failed build must leave the previous commit in place.
            writer.Rollback();
            throw;
        }
        logger.LogInformation("Indexed {Passages} passages from {Documents} document(s) in {Seconds:F2} s",
            passages, documents.Count, clock.Elapsed.TotalSeconds);
        return new BuildSummary(documents.Count, passages, clock.Elapsed, skipped);
    }

    /// <summary>A writer that replaces the index. Files that are not a readable index (a damaged one) are cleared
    /// first: Lucene cannot start a new commit over a commit point it cannot read, and there is nothing in them to keep.</summary>
    private static IndexWriter OpenWriter(FSDirectory directory, ILogger logger)
    {
        IndexWriterConfig Config() => new(ChineseAnalysis.MatchVersion, ChineseAnalysis.Create())
        {
            OpenMode = OpenMode.CREATE,
            Similarity = Similarity,
            WriteLockTimeout = (long)BuildLockTimeout.TotalMilliseconds,
        };
        try
        {
            return new IndexWriter(directory, Config());
        }
        catch (Exception e) when (e is not LockObtainFailedException && IsUnreadable(e))
        {
            logger.LogWarning("The index files in {Folder} cannot be read ({Reason}); clearing them", directory.Directory.FullName, e.Message);
            foreach (var file in directory.ListAll().Where(file => file != IndexWriter.WRITE_LOCK_NAME))
                directory.DeleteFile(file);
            return new IndexWriter(directory, Config());
        }
    }

    /// <summary>Where the passage can be read: the document's address, at the passage's anchor when it has one.</summary>
    private static string? UrlOf(Passage passage) =>
        passage.Document.Metadata.Url is not { } url ? null
            : passage.Anchor is null ? url
            : $"{url.Split('#')[0]}#{Uri.EscapeDataString(passage.Anchor)}";

    private static Document ToLucene(Passage passage)
    {
        return
        [
            new StringField(IdField, passage.Id, Field.Store.YES),
            new StoredField(SectionField, passage.Section),
            new StoredField(TitleField, passage.Document.Metadata.Title),
            new StoredField(UpdatedField, passage.Document.Metadata.Updated),
            new StoredField(PassageTextField, passage.Text),
            new StoredField(DocumentField, passage.Document.File),
            new StoredField(PageField, passage.Page ?? 0),
            new StoredField(UrlField, UrlOf(passage) ?? ""),
            new TextField(ChineseAnalysis.WordsField, passage.Text, Field.Store.NO),
            new TextField(ChineseAnalysis.BigramsField, passage.Text, Field.Store.NO),
        ];
    }
}
