using HkInnoBot.Search.Index;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using Microsoft.Extensions.Logging.Abstractions;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>The coverage rescoring: on a small corpus built so that BM25 alone prefers the wrong passage, and paging.</summary>
public sealed class CoverageRankingTests : IDisposable
{
    private const string Question = "初創企業的資金和培訓";

    private readonly SearchSettings settings = new() { IndexPath = TempFolder.Create("index"), CorpusPath = TempFolder.Create("corpus") };

    // 培訓 is rarer than 初創企業 and 資金, and one passage repeats it; the other holds every part of the question once.
    private static readonly string[] RepetitionAgainstCoverage =
    [
        "培訓計劃資助員工培訓，培訓包括高端培訓和在職培訓。",
        "初創企業可以申請資金，並參加培訓。",
        .. Enumerable.Range(1, 20).Select(i => $"第 {i} 個基金向初創企業提供資金。"),
        .. Enumerable.Range(1, 16).Select(i => $"第 {i} 項措施推動智慧城市發展。"),
    ];

    [Fact]
    public void APassageCoveringTheWholeQuestionOutranksOneRepeatingPartOfIt()
    {
        Build(RepetitionAgainstCoverage);
        Assert.Equal(RepetitionAgainstCoverage[1], TopPassage(QueryFeatures.All));
    }

    [Fact]
    public void WithoutCoverageBm25PrefersTheRepetition()
    {
        Build(RepetitionAgainstCoverage);
        Assert.Equal(RepetitionAgainstCoverage[0], TopPassage(QueryFeatures.All & ~QueryFeatures.Coverage));
    }

    [Fact]
    public void PagesOfAQuestionMatchingTheWholeCorpusAreSlicesOfOneOrder()
    {
        using var searcher = Answerer.Open(new SearchSettings { IndexPath = settings.IndexPath }, NullLogger.Instance);
        const string question = "香港政府推動創新科技發展嘅計劃同基金";
        var all = searcher.Ask(question, 100).Hits.Select(h => h.Id).ToList();
        var paged = Enumerable.Range(0, 15).SelectMany(page => searcher.Ask(question, 7, offset: page * 7).Hits).Select(h => h.Id).ToList();
        Assert.True(all.Count > 90, $"{all.Count} passages matched");
        Assert.Equal(all, paged);
    }

    private void Build(string[] passages)
    {
        File.WriteAllText(Path.Combine(settings.CorpusPath, "sample.zh-Hant.txt"),
            "樣本\n\n支援\n\n" + string.Concat(passages.Select(p => $"- {p}\n")));
        File.WriteAllText(Path.Combine(settings.CorpusPath, "sample.zh-Hant.meta.json"),
            """{"title":"樣本","publisher":"test","updated":"2025-01-01","language":"zh-Hant"}""");
        PassageIndex.Build(settings, NullLogger.Instance);
    }

    // The ranking alone: without the answer model, whose reranker would weigh the best passages again.
    private string TopPassage(QueryFeatures features)
    {
        using var searcher = Open(features & ~QueryFeatures.AnswerModel);
        return searcher.Ask(Question, 1).Hits[0].Text;
    }

    private Answerer Open(QueryFeatures features) =>
        Answerer.OpenExisting(new SearchSettings { IndexPath = settings.IndexPath, CorpusPath = settings.CorpusPath, Features = features });

    public void Dispose()
    {
        Directory.Delete(settings.IndexPath, recursive: true);
        Directory.Delete(settings.CorpusPath, recursive: true);
    }
}
