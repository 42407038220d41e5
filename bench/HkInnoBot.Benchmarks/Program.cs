using BenchmarkDotNet.Running;
using HkInnoBot.Benchmarks;

// `latency`: the distribution over all questions; anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args is ["latency"])
    LatencyDistribution.Run();
else
    BenchmarkSwitcher.FromAssembly(typeof(AnswerBenchmark).Assembly).Run(args);
