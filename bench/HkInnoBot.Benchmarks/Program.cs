using BenchmarkDotNet.Running;
using HkInnoBot.Benchmarks;

// `latency`: the distribution over all questions; `long-pdf`: the 100× corpus printed and built; `first-load [URL]`:
// the chat page on a phone network; anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args is ["latency"])
    LatencyDistribution.Run();
else if (args is ["long-pdf"])
    LongPdf.Run();
else if (args is ["first-load", ..])
    FirstLoad.Run(args.Length > 1 ? args[1] : "http://localhost:3978/");
else
    BenchmarkSwitcher.FromAssembly(typeof(AnswerBenchmark).Assembly).Run(args);
