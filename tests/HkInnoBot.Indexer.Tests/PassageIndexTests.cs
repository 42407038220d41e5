using HkInnoBot.Search.Index;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Indexer.Tests;

/// <summary>Index lifecycle on a private copy of the corpus, so each test may damage it.</summary>
public sealed class PassageIndexTests : IDisposable
{
    private readonly SearchSettings settings = new() { IndexPath = TempFolder.Create("index"), CorpusPath = TempFolder.Create("corpus") };
    private readonly string metadataFile, textFile;

    public PassageIndexTests()
    {
        foreach (var file in Directory.GetFiles(SearchSettings.DefaultCorpusPath))
            File.Copy(file, Path.Combine(settings.CorpusPath, Path.GetFileName(file)));
        metadataFile = Directory.GetFiles(settings.CorpusPath, "*.meta.json").Single();
        textFile = metadataFile.Replace(".meta.json", ".txt");
    }

    [Fact]
    public void AMissingIndexIsBuiltAndThenCurrent()
    {
        Assert.Equal(PassageIndex.Status.Missing, PassageIndex.Check(settings));
        using var searcher = Answerer.Open(settings, NullLogger.Instance);
        Assert.Equal(98, searcher.PassageCount);
        Assert.Equal(PassageIndex.Status.Current, PassageIndex.Check(settings));
    }

    [Fact]
    public void AnEditedCorpusMakesTheIndexStaleAndItIsRebuilt()
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        File.AppendAllText(textFile, "\n新章節\n\n- 海洋公園新設了一座企鵝館。\n");
        Assert.Equal(PassageIndex.Status.Stale, PassageIndex.Check(settings));

        using var searcher = Answerer.Open(settings, NullLogger.Instance);
        Assert.Equal(99, searcher.PassageCount);
        Assert.Contains("企鵝館", searcher.Ask("企鵝館", 1).Hits[0].Text);
    }

    [Fact]
    public void ASecondDocumentIsADroppedInFileAndItsMetadata()
    {
        File.WriteAllText(Path.Combine(settings.CorpusPath, "extra.zh-Hant.txt"), "補充資料\n\n科普\n\n- 香港太空館展出天文望遠鏡。\n");
        File.WriteAllText(Path.Combine(settings.CorpusPath, "extra.zh-Hant.meta.json"),
            """{"title":"補充資料","publisher":"HKSAR Government","updated":"2025-01-01","language":"zh-Hant"}""");
        using var searcher = Answerer.Open(settings, NullLogger.Instance);
        var hit = searcher.Ask("天文望遠鏡", 1).Hits[0];
        Assert.Equal(("補充資料", "科普", "2025-01-01", "extra.zh-Hant#001"), (hit.Title, hit.Section, hit.Updated, hit.Id));
    }

    [Fact]
    public void AFailedBuildLeavesThePreviousIndexServing()
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        File.WriteAllText(metadataFile, "{ this is not json");

        Assert.Throws<HkInnoBot.Search.Corpus.CorpusException>(() => PassageIndex.Build(settings, NullLogger.Instance));
        using var searcher = Answerer.Open(settings, NullLogger.Instance);
        Assert.Contains("科技券", searcher.Ask("科技券", 1).Hits[0].Text);
    }

    [Fact]
    public void AHalfWrittenGenerationOfAKilledBuildIsIgnoredAndCleanedUp()
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        var abandoned = Directory.CreateDirectory(Path.Combine(settings.IndexPath, "gen-00000000T000000000-killed")).FullName;
        File.WriteAllText(Path.Combine(abandoned, "_0.cfs"), "half a segment");

        using (var searcher = Answerer.OpenExisting(settings))
            Assert.Equal(98, searcher.PassageCount);
        PassageIndex.Build(settings, NullLogger.Instance);
        Assert.False(Directory.Exists(abandoned));
        Assert.Single(Directory.GetDirectories(settings.IndexPath));
    }

    [Fact]
    public void BuildsAtTheSameTimeTakeTurnsAndLeaveOneGoodIndex()
    {
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        Parallel.For(0, 4, i =>
        {
            try
            {
                if (i % 2 == 0)
                    PassageIndex.Build(settings, NullLogger.Instance);
                else
                    Answerer.Open(settings, NullLogger.Instance).Dispose();
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        });

        Assert.Empty(errors);
        Assert.Equal(PassageIndex.Status.Current, PassageIndex.Check(settings));
        Assert.Single(Directory.GetDirectories(settings.IndexPath));
        using var searcher = Answerer.OpenExisting(settings);
        Assert.Equal(98, searcher.PassageCount);
    }

    [Fact]
    public void ACorruptIndexIsRebuilt()
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        var generation = Directory.GetDirectories(settings.IndexPath).Single();
        foreach (var file in Directory.GetFiles(generation))
            File.WriteAllText(file, "garbage");

        Assert.Equal(PassageIndex.Status.Missing, PassageIndex.Check(settings));
        using var searcher = Answerer.Open(settings, NullLogger.Instance);
        Assert.Equal(98, searcher.PassageCount);
    }

    [Fact]
    public void NoIndexAndNoCorpusIsUnavailableWithAReason()
    {
        var broken = new SearchSettings { IndexPath = settings.IndexPath, CorpusPath = Path.Combine(settings.CorpusPath, "missing") };
        var error = Assert.Throws<IndexUnavailableException>(() => PassageIndex.OpenOrBuild(broken, NullLogger.Instance).Dispose());
        Assert.Contains("Corpus folder not found", error.Message);
    }

    public void Dispose()
    {
        Directory.Delete(settings.IndexPath, recursive: true);
        Directory.Delete(settings.CorpusPath, recursive: true);
    }
}
