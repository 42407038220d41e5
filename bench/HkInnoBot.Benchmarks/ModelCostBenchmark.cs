using BenchmarkDotNet.Attributes;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// What the decision models cost per question: every question of the set asked alone with every step, without the
/// answer models (the reranker, answer, partial and short-answer models: the first passage then answers, with no short
/// answer), and without the typo reading (which searches a question a second time when it suspects a slip). The
/// context model's cost is <see cref="FollowUpBenchmark"/>'s. Each operation is one question.
/// </summary>
[MemoryDiagnoser]
public class ModelCostBenchmark
{
    private const int Operations = 1000;

    public enum Steps { All, WithoutAnswerModels, WithoutTypoReading }

    [Params(Steps.All, Steps.WithoutAnswerModels, Steps.WithoutTypoReading)]
    public Steps Variant { get; set; }

    private SearchSettings settings = null!;
    private Answerer answerer = null!;
    private Question[] questions = [];

    [GlobalSetup]
    public void Open()
    {
        settings = new SearchSettings
        {
            IndexPath = Questions.TempFolder("index"),
            Features = Variant switch
            {
                Steps.WithoutAnswerModels => QueryFeatures.All & ~QueryFeatures.AnswerModel,
                Steps.WithoutTypoReading => QueryFeatures.All & ~QueryFeatures.TypoReading,
                _ => QueryFeatures.All,
            },
        };
        answerer = Questions.WarmAnswerer(settings);
        var all = Questions.All();
        questions = [.. Enumerable.Range(0, Operations).Select(i => answerer.Understand(all[i % all.Count].Q))];
    }

    [GlobalCleanup]
    public void Close()
    {
        answerer.Dispose();
        Directory.Delete(settings.IndexPath, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void Ask()
    {
        foreach (var question in questions)
            answerer.Ask(question, context: null, AnswerBenchmark.Top);
    }
}
