using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// The question set answered on one thread, and the same work shared by 8 threads on one answerer: with no lock on
/// the way, 8 threads on N cores answer about N times as many questions a second. The same two shapes over plain
/// arithmetic show what this machine's cores give any code (shared virtual cores give well under N). Each operation
/// is one question (or one slice of arithmetic).
/// </summary>
[MemoryDiagnoser]
[GcServer(true)] // as the bot runs (ASP.NET Core's default): collections are shared out over the cores too
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ParallelAnswerBenchmark
{
    private const int Threads = 8;

    // Questions per invocation: the question set, cycled.
    private const int Operations = 1000;

    private SearchSettings settings = null!;
    private Answerer answerer = null!;
    private string[] questions = [];

    [GlobalSetup]
    public void Open()
    {
        settings = new SearchSettings { IndexPath = Questions.TempFolder("index") };
        answerer = Questions.WarmAnswerer(settings);
        var all = Questions.All();
        questions = [.. Enumerable.Range(0, Operations).Select(i => all[i % all.Count].Q)];
    }

    [GlobalCleanup]
    public void Close()
    {
        answerer.Dispose();
        Directory.Delete(settings.IndexPath, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations), BenchmarkCategory("answers")]
    public void OneThread()
    {
        foreach (var question in questions)
            answerer.Ask(question, AnswerBenchmark.Top);
    }

    [Benchmark(OperationsPerInvoke = Operations), BenchmarkCategory("answers")]
    public void EightThreads() => OnEightThreads(i => answerer.Ask(questions[i], AnswerBenchmark.Top));

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations), BenchmarkCategory("arithmetic")]
    public long ArithmeticOneThread()
    {
        long sum = 0;
        for (var i = 0; i < Operations; i++)
            sum += Arithmetic(i);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations), BenchmarkCategory("arithmetic")]
    public long ArithmeticEightThreads()
    {
        var sums = new long[Threads];
        OnEightThreads(i => sums[i % Threads] += Arithmetic(i));
        return sums[0]; // the sums land in memory, so no thread's arithmetic can be dropped
    }

    private void OnEightThreads(Action<int> work) =>
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = thread; i < Operations; i += Threads)
                work(i);
        });

    // About as long as a question takes, touching no memory.
    private static long Arithmetic(int seed)
    {
        long hash = seed;
        for (var i = 0; i < 20_000; i++)
            hash = hash * 31 + (i ^ (hash >> 7));
        return hash;
    }
}
