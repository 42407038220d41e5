using BenchmarkDotNet.Running;
using HkInnoBot.Benchmarks;

// `latency [CORPUS]`: the distribution over all questions; `corpus-100x FOLDER`: writes the corpus 100× the seed (for
// `latency` or the throughput script); `long-pdf`: that corpus printed and built; `first-load [URL]`: the chat page on a
// phone network; anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args is ["latency", ..])
    LatencyDistribution.Run(args.Length > 1 ? args[1] : null);
else if (args is ["corpus-100x", var folder])
    Console.WriteLine($"{LargeCorpusBenchmark.Generate(Directory.CreateDirectory(folder).FullName)}: {Directory.GetFiles(folder, "*.meta.json").Length} documents");
else if (args is ["long-pdf"])
    LongPdf.Run();
else if (args is ["first-load", ..])
    FirstLoad.Run(args.Length > 1 ? args[1] : "http://localhost:3978/");
else
    BenchmarkSwitcher.FromAssembly(typeof(AnswerBenchmark).Assembly).Run(args);
