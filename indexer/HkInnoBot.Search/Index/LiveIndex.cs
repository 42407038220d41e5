using HkInnoBot.Search.Corpus;
using HkInnoBot.Search.Ranking;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Search.Index;

/// <summary>
/// The index while the application runs. Lucene's <see cref="SearcherManager"/> holds the current reader: a question
/// acquires it and releases it when answered, a refresh opens a newer commit, and a replaced reader closes once the
/// last question on it is done. <see cref="Refresh"/>, called every second or so, rebuilds the index when the corpus
/// folder changed, picks up a commit another process made (<c>indexer build</c>), reloads synonyms.txt, and opens the
/// index once there is one. A question's path only acquires and releases, which takes no lock.
/// </summary>
public sealed class LiveIndex : IDisposable
{
    private readonly SearchSettings settings;
    private readonly ILogger logger;
    private readonly FSDirectory directory;
    private readonly System.Threading.Lock refreshing = new();
    private SearcherManager? searchers;
    private Synonyms synonyms;
    private CorpusFolder.Snapshot corpusSeen;
    private CorpusFolder.Snapshot? corpusChanging;
    private string? lastProblem;
    private volatile string? buildFailure;

    private LiveIndex(SearchSettings settings, ILogger logger)
    {
        this.settings = settings;
        this.logger = logger;
        directory = FSDirectory.Open(settings.IndexPath);
        corpusSeen = CorpusFolder.Look(settings.CorpusPath);
        synonyms = Synonyms.Load(settings.CorpusPath);
    }

    /// <summary>Opens the index, building it first when it is missing, damaged or stale. Without a usable index the
    /// live index still exists, unavailable, and <see cref="Refresh"/> opens one as soon as there is one.</summary>
    public static LiveIndex Open(SearchSettings settings, ILogger logger)
    {
        var index = new LiveIndex(settings, logger);
        index.Rebuild();
        index.TryOpen();
        return index;
    }

    /// <summary>Opens the index as it is on disk, without building it.</summary>
    public static LiveIndex OpenExisting(SearchSettings settings, ILogger logger)
    {
        var index = new LiveIndex(settings, logger);
        index.TryOpen();
        return index.IsAvailable ? index : throw new IndexUnavailableException($"No usable index at {settings.IndexPath}");
    }

    public bool IsAvailable => Volatile.Read(ref searchers) is not null;

    /// <summary>The current searcher and synonyms for one question, or null when no index can serve. Dispose it when
    /// the question is answered.</summary>
    public Lease? Acquire()
    {
        var manager = Volatile.Read(ref searchers);
        return manager is null ? null : new Lease(manager, (PassageSearcher)manager.Acquire(), Volatile.Read(ref synonyms));
    }

    public readonly struct Lease(SearcherManager manager, PassageSearcher searcher, Synonyms synonyms) : IDisposable
    {
        public PassageSearcher Searcher { get; } = searcher;
        public Synonyms Synonyms { get; } = synonyms;
        public void Dispose() => manager.Release(Searcher);
    }

    /// <summary>What serves now: the commit (generation, when built, documents) and its passages; null when nothing does.</summary>
    public (PassageIndex.CommitInfo Commit, int Passages)? Describe()
    {
        using var lease = Acquire();
        return lease is { } current
            ? (PassageIndex.Describe((DirectoryReader)current.Searcher.IndexReader), current.Searcher.PassageCount)
            : null;
    }

    /// <summary>
    /// Brings the index up to date with its folders. A corpus change is acted on once it has held still from one call to
    /// the next, so a copy in progress is not indexed half-way. Failures are logged (once each) and leave the current
    /// index serving.
    /// </summary>
    public void Refresh(bool watchCorpus = true)
    {
        lock (refreshing)
        {
            if (watchCorpus)
                FollowTheCorpus();
            if (searchers is null)
            {
                TryOpen();
                return;
            }
            try
            {
                searchers.MaybeRefresh();
                lastProblem = null;
            }
            catch (Exception e) when (PassageIndex.IsUnreadable(e))
            {
                Report($"A new commit of the index at {settings.IndexPath} cannot be opened, so the current one keeps serving: {e.Message}");
            }
        }
    }

    private void FollowTheCorpus()
    {
        var now = CorpusFolder.Look(settings.CorpusPath);
        if (now == corpusSeen || now != corpusChanging)
        {
            corpusChanging = now == corpusSeen ? null : now;
            return;
        }
        var before = corpusSeen;
        (corpusSeen, corpusChanging) = (now, null);
        if (now.Synonyms != before.Synonyms)
        {
            Volatile.Write(ref synonyms, Synonyms.Load(settings.CorpusPath));
            logger.LogInformation("Reloaded {File}", Synonyms.FileName);
        }
        if (now.Documents != before.Documents)
            Rebuild();
    }

    /// <summary>Why the last rebuild from the corpus failed (no readable document left, say), while an earlier index
    /// serves or none does; null when it succeeded or was not needed.</summary>
    public string? BuildFailure => buildFailure;

    private void Rebuild()
    {
        try
        {
            buildFailure = PassageIndex.BuildIfNeeded(settings, logger);
        }
        catch (IndexUnavailableException e)
        {
            buildFailure = e.Message;
            Report(e.Message);
        }
    }

    private void TryOpen()
    {
        try
        {
            Volatile.Write(ref searchers, new SearcherManager(directory, new Factory()));
            lastProblem = null;
        }
        catch (Exception e) when (PassageIndex.IsUnreadable(e))
        {
            Report($"No usable index at {settings.IndexPath}, so questions are answered that search is unavailable: {e.Message}");
        }
    }

    // The same problem seen every second is logged once.
    private void Report(string problem)
    {
        if (problem != lastProblem)
            logger.LogError("{Problem}", problem);
        lastProblem = problem;
    }

    /// <summary>Each reader gets its <see cref="PassageSearcher"/>, once its files pass their checksums.</summary>
    private sealed class Factory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            PassageIndex.Verify(reader);
            var searcher = new PassageSearcher(reader);
            reader.AddReaderDisposedListener(new DisposeOnClose(searcher));
            return searcher;
        }
    }

    private sealed class DisposeOnClose(IDisposable disposable) : IReaderDisposedListener
    {
        public void OnDispose(IndexReader reader) => disposable.Dispose();
    }

    public void Dispose()
    {
        searchers?.Dispose();
        directory.Dispose();
    }
}
