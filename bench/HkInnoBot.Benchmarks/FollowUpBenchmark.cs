using BenchmarkDotNet.Attributes;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// What reading a message in the light of the one before costs: every question of the set asked alone, and asked with
/// the context that the question before it in the set left, as in a chat where each message follows another. A message
/// naming a topic of its own costs a few checks more; one that names none is searched a second time, in context.
/// Each operation is one question.
/// </summary>
[MemoryDiagnoser]
public class FollowUpBenchmark
{
    // Questions per invocation: the question set, cycled.
    private const int Operations = 1000;

    private SearchSettings settings = null!;
    private Answerer answerer = null!;
    private Question[] questions = [];
    private FollowUpContext?[] contexts = [];

    [GlobalSetup]
    public void Open()
    {
        settings = new SearchSettings { IndexPath = Questions.TempFolder("index") };
        answerer = Questions.WarmAnswerer(settings);
        var all = Questions.All();
        questions = [.. Enumerable.Range(0, Operations).Select(i => answerer.Understand(all[i % all.Count].Q))];
        contexts = [null, .. questions[..^1].Select(question => answerer.Ask(question, AnswerBenchmark.Top).Context)];
    }

    [GlobalCleanup]
    public void Close()
    {
        answerer.Dispose();
        Directory.Delete(settings.IndexPath, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public void Alone()
    {
        foreach (var question in questions)
            answerer.Ask(question, context: null, AnswerBenchmark.Top);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void AfterThePreviousQuestion()
    {
        for (var i = 0; i < questions.Length; i++)
            answerer.Ask(questions[i], contexts[i], AnswerBenchmark.Top);
    }
}
