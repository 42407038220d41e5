using System.Diagnostics;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// Ask(q) latency across all questions of the project's set: after a warm-up, each question is timed
/// <see cref="Runs"/> times with a Stopwatch; its latency is the median of its runs. Prints the distribution of those
/// medians across questions, the raw distribution of every run, the slowest questions, and memory afterwards.
/// </summary>
public static class LatencyDistribution
{
    private const int Runs = 20;

    /// <summary><paramref name="corpus"/>: the corpus folder to index (the shipped one when null).</summary>
    public static void Run(string? corpus = null)
    {
#if DEBUG
        Console.WriteLine("WARNING: Debug build; use -c Release for numbers worth reading.");
#endif
        var questions = Questions.All();
        var settings = new SearchSettings { IndexPath = Questions.TempFolder("index") };
        if (corpus is not null)
            settings.CorpusPath = corpus;
        try
        {
            using var answerer = Questions.WarmAnswerer(settings);

            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gen0Before = GC.CollectionCount(0);
            var medians = new List<(double Ms, string Id, string Kind)>();
            var samples = new List<double>();
            foreach (var question in questions)
            {
                var runs = Time(answerer, question.Q);
                samples.AddRange(runs);
                medians.Add((Percentile(runs, 50), question.Id, $"{question.Lang}/{question.Style}"));
            }
            var searches = (double)questions.Count * Runs;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var gen0 = GC.CollectionCount(0) - gen0Before;

            Console.WriteLine($"Ask(q, {AnswerBenchmark.Top}) over {questions.Count} questions from {Questions.File}, {answerer.PassageCount:N0} passages");
            Console.WriteLine($"Warm-up passes, then {Runs} timed runs per question ({searches:N0} searches)");
            Console.WriteLine();
            Console.WriteLine("                               median      p95      p99      max   (ms)");
            Row("per-question median latency", medians.Select(m => m.Ms).ToArray());
            Row("every run (raw samples)", samples.ToArray());
            Console.WriteLine();
            Console.WriteLine("Slowest questions (median of their runs):");
            foreach (var (ms, id, kind) in medians.OrderByDescending(m => m.Ms).Take(5))
                Console.WriteLine($"  {id} {kind,-18} {ms,8:F3} ms");
            Console.WriteLine();
            Console.WriteLine("The AnswerBenchmark cases, timed the same way (median of their runs):");
            foreach (var @case in AnswerBenchmark.Cases())
                Console.WriteLine($"  {@case.Kind,-18} {Median(answerer, @case.Text),8:F3} ms {AllocatedKb(answerer, @case.Text),9:F1} KB");
            Console.WriteLine();
            Console.WriteLine($"Allocated during timed runs: {allocated / searches / 1024:F1} KB per search; gen0 GCs: {gen0}");
            var perQuestion = questions.Select(question => (Kb: AllocatedKb(answerer, question.Q), question.Id)).ToList();
            var most = perQuestion.MaxBy(question => question.Kb);
            Console.WriteLine($"Allocated by one search, per question: median {Percentile([.. perQuestion.Select(q => q.Kb)], 50):F1} KB, " +
                $"most {most.Kb:F1} KB ({most.Id}); {perQuestion.Count(q => q.Kb > 50)} of {perQuestion.Count} over 50 KB");
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"Working set: {process.WorkingSet64 / 1048576.0:F1} MB; peak {process.PeakWorkingSet64 / 1048576.0:F1} MB");
            Console.WriteLine($"GC heap: {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F1} MB at last GC; " +
                              $"{GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F1} MB live after a full collection");
            Console.WriteLine($"GC mode: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} cores");
        }
        finally
        {
            Directory.Delete(settings.IndexPath, recursive: true);
        }
    }

    /// <summary>Milliseconds of each of <see cref="Runs"/> searches for <paramref name="question"/>.</summary>
    private static double[] Time(Answerer answerer, string question)
    {
        var runs = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            answerer.Ask(question, AnswerBenchmark.Top);
            runs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return runs;
    }

    private static double AllocatedKb(Answerer answerer, string question)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        answerer.Ask(question, AnswerBenchmark.Top);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 1024.0;
    }

    private static double Median(Answerer answerer, string question)
    {
        answerer.Ask(question, AnswerBenchmark.Top);
        return Percentile(Time(answerer, question), 50);
    }

    private static void Row(string label, double[] values) =>
        Console.WriteLine($"{label,-28} {Percentile(values, 50),9:F3} {Percentile(values, 95),8:F3} " +
                          $"{Percentile(values, 99),8:F3} {values.Max(),8:F3}");

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
