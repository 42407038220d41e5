using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Index;
using HkInnoBot.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Indexer.Tests;

/// <summary>A running answerer following its corpus and index folders, as the bot's refresh loop drives it.</summary>
public sealed class LiveIndexTests : IDisposable
{
    private const string SpaceQuestion = "太空館有咩望遠鏡？";
    private readonly SearchSettings settings = new() { IndexPath = TempFolder.Create("index"), CorpusPath = TestCorpora.CopyOf(TestCorpora.Small) };
    private readonly Answerer answerer;

    public LiveIndexTests() => answerer = Answerer.Open(settings, NullLogger.Instance);

    private void AddSpaceDocument()
    {
        File.WriteAllText(Path.Combine(settings.CorpusPath, "space.zh-Hant.txt"), "太空科普\n\n展覽\n\n- 香港太空館展出一台天文望遠鏡。\n");
        File.WriteAllText(Path.Combine(settings.CorpusPath, "space.zh-Hant.meta.json"),
            """{ "title": "太空科普", "publisher": "test", "updated": "2025-01-01", "language": "zh-Hant" }""");
    }

    // A change is acted on once it has held still from one refresh to the next.
    private void RefreshTwice()
    {
        answerer.Refresh();
        answerer.Refresh();
    }

    [Fact]
    public void ADocumentDroppedIntoTheCorpusIsAnsweredFromWithItsOwnTitle()
    {
        Assert.False(answerer.Ask(SpaceQuestion, 1).Answered);
        AddSpaceDocument();
        RefreshTwice();

        var hit = answerer.Ask(SpaceQuestion, 1).Hits[0];
        Assert.Equal(("太空科普", "2025-01-01"), (hit.Title, hit.Updated));
        Assert.Equal(3, answerer.Describe()!.Value.Commit.Documents);
    }

    [Fact]
    public void ARemovedDocumentIsNoLongerAnsweredFrom()
    {
        File.Delete(Path.Combine(settings.CorpusPath, "marine.zh-Hant.txt"));
        File.Delete(Path.Combine(settings.CorpusPath, "marine.zh-Hant.meta.json"));
        RefreshTwice();
        Assert.DoesNotContain(answerer.Ask("研究船", 10).Hits, hit => hit.Title == "海洋科研");
        Assert.Equal(4, answerer.PassageCount);
    }

    [Fact]
    public void AChangeStillInProgressWaitsForTheNextRefresh()
    {
        AddSpaceDocument();
        answerer.Refresh();
        Assert.Equal(7, answerer.PassageCount);
        answerer.Refresh();
        Assert.Equal(8, answerer.PassageCount);
    }

    [Fact]
    public void AnIndexBuiltByAnotherWriterIsPickedUp()
    {
        AddSpaceDocument();
        PassageIndex.Build(settings, NullLogger.Instance); // as `indexer build` does, from another process
        answerer.Refresh(watchCorpus: false);
        Assert.Equal(8, answerer.PassageCount);
    }

    [Fact]
    public void ANewSynonymsFileIsUsedWithoutARebuild()
    {
        var generation = answerer.Describe()!.Value.Commit.Generation;
        Assert.False(answerer.Ask("考察船", 1).Answered);
        File.AppendAllText(Path.Combine(settings.CorpusPath, "synonyms.txt"), "考察船 => 研究船\n");
        RefreshTwice();
        Assert.Contains("海研一號", answerer.Ask("考察船", 1).Hits[0].Text);
        Assert.Equal(generation, answerer.Describe()!.Value.Commit.Generation);
    }

    [Fact]
    public void AQuestionStartedOnTheOldIndexFinishesOnIt()
    {
        using var live = LiveIndex.OpenExisting(settings, NullLogger.Instance);
        using (var lease = live.Acquire())
        {
            AddSpaceDocument();
            PassageIndex.Build(settings, NullLogger.Instance);
            live.Refresh(watchCorpus: false);
            Assert.Equal(7, lease!.Value.Searcher.PassageCount);
            Assert.Equal(7, lease.Value.Searcher.IndexReader.NumDocs); // still readable: not closed under the question
        }
        using var now = live.Acquire();
        Assert.Equal(8, now!.Value.Searcher.PassageCount);
    }

    [Fact]
    public void ABrokenDocumentIsLoggedAndTheIndexKeepsServing()
    {
        File.WriteAllText(Path.Combine(settings.CorpusPath, "marine.zh-Hant.meta.json"), "{ not json");
        RefreshTwice();
        Assert.Equal(7, answerer.PassageCount);
        Assert.True(answerer.Ask("研究船可以載幾多個科研人員？", 1).Answered);
    }

    [Fact]
    public void WithoutACorpusTheAnswererWaitsUnavailableAndRecoversWhenOneArrives()
    {
        var empty = new SearchSettings { IndexPath = TempFolder.Create("index"), CorpusPath = TempFolder.Create("corpus") };
        using var waiting = Answerer.Open(empty, NullLogger.Instance);
        Assert.Equal(AnswerStatus.Unavailable, waiting.Ask("研究船", 1).Status);

        foreach (var file in Directory.GetFiles(TestCorpora.Small))
            File.Copy(file, Path.Combine(empty.CorpusPath, Path.GetFileName(file)));
        waiting.Refresh();
        waiting.Refresh();
        waiting.Refresh();
        Assert.True(waiting.Ask("研究船可以載幾多個科研人員？", 1).Answered);
        Directory.Delete(empty.IndexPath, recursive: true);
        Directory.Delete(empty.CorpusPath, recursive: true);
    }

    public void Dispose()
    {
        answerer.Dispose();
        Directory.Delete(settings.IndexPath, recursive: true);
        Directory.Delete(settings.CorpusPath, recursive: true);
    }
}
