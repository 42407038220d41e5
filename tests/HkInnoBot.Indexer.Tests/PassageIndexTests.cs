using System.Diagnostics;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Corpus;
using HkInnoBot.Search.Index;
using HkInnoBot.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Indexer.Tests;

/// <summary>Index lifecycle on a private copy of the small test corpus, so each test may change or damage it.</summary>
public sealed class PassageIndexTests : IDisposable
{
    private const string MarineQuestion = "研究船可以載幾多個科研人員？";
    private readonly SearchSettings settings = new() { IndexPath = TempFolder.Create("index"), CorpusPath = TestCorpora.CopyOf(TestCorpora.Small) };

    private string MarineText => Path.Combine(settings.CorpusPath, "marine.zh-Hant.txt");

    [Fact]
    public void AMissingIndexIsBuiltAndThenCurrent()
    {
        Assert.Equal(PassageIndex.Status.Missing, PassageIndex.Check(settings).Status);
        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        Assert.Equal(7, answerer.PassageCount);
        Assert.Equal(2, answerer.Describe()!.Value.Commit.Documents);
        Assert.Equal(PassageIndex.Status.Current, PassageIndex.Check(settings).Status);
    }

    [Fact]
    public void EachAnswerNamesItsOwnDocument()
    {
        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        var marine = answerer.Ask(MarineQuestion, 1).Hits[0];
        Assert.Equal(("海洋科研", "研究設施", "2024-06-15"), (marine.Title, marine.Section, marine.Updated));
        Assert.StartsWith("marine.zh-Hant#", marine.Id);
        var mobility = answerer.Ask("自動駕駛測試路段有幾長？", 1).Hits[0];
        Assert.Equal(("智慧出行", "2024-05-01"), (mobility.Title, mobility.Updated));
    }

    [Fact]
    public void AnEditedCorpusMakesTheIndexStaleAndItIsRebuilt()
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        File.AppendAllText(MarineText, "\n新章節\n\n- 海洋公園新設了一座企鵝館。\n");
        Assert.Equal(PassageIndex.Status.Stale, PassageIndex.Check(settings).Status);

        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        Assert.Equal(8, answerer.PassageCount);
        Assert.Contains("企鵝館", answerer.Ask("企鵝館", 1).Hits[0].Text);
    }

    [Fact]
    public void PassageIdsStayTheSameWhereTheTextDidNotChange()
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        string[] before;
        using (var answerer = Answerer.OpenExisting(settings))
            before = [.. answerer.Ask(MarineQuestion, 10, highlighted: 0).Hits.Select(hit => hit.Id)];

        File.WriteAllText(MarineText, File.ReadAllText(MarineText).Replace("研究設施\n", "研究設施\n\n- 新增的第一點：中心招募實習生。\n"));
        PassageIndex.Build(settings, NullLogger.Instance);
        using (var answerer = Answerer.OpenExisting(settings))
            foreach (var id in before)
                Assert.True(answerer.HasPassage(id), $"{id} is gone");
    }

    [Fact]
    public void AFailedBuildLeavesThePreviousIndexServing()
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        foreach (var text in Directory.GetFiles(settings.CorpusPath, "*.zh-Hant.txt"))
            File.WriteAllText(text, "");

        Assert.Throws<CorpusException>(() => PassageIndex.Build(settings, NullLogger.Instance));
        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        Assert.Contains("海研一號", answerer.Ask(MarineQuestion, 1).Hits[0].Text);
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public void ABuildKilledAtAnyMomentLeavesACommitThatOpens()
    {
        // The shipped corpus takes long enough to build that a kill lands in the middle.
        var shipped = new SearchSettings { IndexPath = settings.IndexPath, CorpusPath = TestCorpora.Shipped };
        PassageIndex.Build(shipped, NullLogger.Instance);
        foreach (var delay in new[] { 50, 150, 300, 500, 700, 900, 1200 })
        {
            using (var build = Process.Start(CommandLine.Start(["build", "--index", settings.IndexPath]))!)
            {
                Thread.Sleep(delay);
                build.Kill();
                build.WaitForExit();
            }
            using var answerer = Answerer.OpenExisting(shipped);
            Assert.True(answerer.Ask("科技券係咩？", 1).Answered, $"killed after {delay} ms");
        }
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
        Assert.Equal(PassageIndex.Status.Current, PassageIndex.Check(settings).Status);
        using var answerer = Answerer.OpenExisting(settings);
        Assert.Equal(7, answerer.PassageCount);
    }

    /// <summary>Ways an index on disk gets damaged: a crash, a full disk, a bad copy, a person.</summary>
    public static TheoryData<string> Damage() =>
        ["postings-empty", "terms-truncated", "stored-garbled", "norms-cut", "segment-info-garbled", "commit-garbage", "positions-missing", "all-garbage"];

    [Theory]
    [MemberData(nameof(Damage))]
    public void ADamagedIndexIsFoundAndRebuilt(string damage)
    {
        PassageIndex.Build(settings, NullLogger.Instance);
        Wreck(settings.IndexPath, damage);

        Assert.Equal(PassageIndex.Status.Missing, PassageIndex.Check(settings).Status);
        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        Assert.True(answerer.IsAvailable);
        Assert.Contains("海研一號", answerer.Ask(MarineQuestion, 1).Hits[0].Text);
        Assert.Equal(PassageIndex.Status.Current, PassageIndex.Check(settings).Status);
    }

    internal static void Wreck(string indexPath, string damage)
    {
        string File(string ending) => Directory.GetFiles(indexPath, "*" + ending).Single();
        void Garble(string path)
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            for (var i = bytes.Length / 3; i < bytes.Length * 2 / 3; i++)
                bytes[i] ^= 0x5A;
            System.IO.File.WriteAllBytes(path, bytes);
        }
        void Cut(string path, double keep)
        {
            using var stream = new FileStream(path, FileMode.Open);
            stream.SetLength((long)(stream.Length * keep));
        }
        switch (damage)
        {
            case "postings-empty": Cut(File(".doc"), 0); break;
            case "terms-truncated": Cut(File(".tim"), 0.5); break;
            case "stored-garbled": Garble(File(".fdt")); break;
            case "norms-cut": Cut(File(".nvd"), 0.6); break;
            case "segment-info-garbled": Garble(File(".si")); break;
            case "commit-garbage": System.IO.File.WriteAllText(Directory.GetFiles(indexPath, "segments_*").Single(), "garbage"); break;
            case "positions-missing": System.IO.File.Delete(File(".pos")); break;
            case "all-garbage":
                foreach (var path in Directory.GetFiles(indexPath).Where(path => !path.EndsWith("write.lock")))
                    System.IO.File.WriteAllText(path, "garbage");
                break;
        }
    }

    [Fact]
    public void NoIndexAndNoCorpusIsUnavailableWithAReason()
    {
        var broken = new SearchSettings { IndexPath = settings.IndexPath, CorpusPath = Path.Combine(settings.CorpusPath, "missing") };
        var error = Assert.Throws<IndexUnavailableException>(() => PassageIndex.BuildIfNeeded(broken, NullLogger.Instance));
        Assert.Contains("Corpus folder not found", error.Message);
        using var answerer = Answerer.Open(broken, NullLogger.Instance);
        Assert.Equal(AnswerStatus.Unavailable, answerer.Ask("科技券", 1).Status);
    }

    public void Dispose()
    {
        Directory.Delete(settings.IndexPath, recursive: true);
        Directory.Delete(settings.CorpusPath, recursive: true);
    }
}
