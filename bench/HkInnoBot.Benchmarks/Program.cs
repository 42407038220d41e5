using BenchmarkDotNet.Running;
using HkInnoBot.Benchmarks;

// `latency`: the distribution over all questions; `long-pdf`: the 100× corpus printed and built; anything else goes to
// BenchmarkDotNet (e.g. --filter '*' --job short).
if (args is ["latency"])
    LatencyDistribution.Run();
else if (args is ["long-pdf"])
    LongPdf.Run();
else
    BenchmarkSwitcher.FromAssembly(typeof(AnswerBenchmark).Assembly).Run(args);
