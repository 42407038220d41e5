using BenchmarkDotNet.Attributes;
using HkInnoBot.Search;
using HkInnoBot.Search.Index;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Benchmarks;

/// <summary>A full build of the real corpus (load, chunk, analyze, write, commit, switch CURRENT) into an empty folder.</summary>
[MemoryDiagnoser]
public class IndexBuildBenchmark
{
    private SearchSettings settings = new();

    [IterationSetup]
    public void CreateFolder() => settings = new SearchSettings { IndexPath = Questions.TempFolder("index") };

    [IterationCleanup]
    public void DeleteFolder() => Directory.Delete(settings.IndexPath, recursive: true);

    [Benchmark]
    public PassageIndex.BuildSummary Build() => PassageIndex.Build(settings, NullLogger.Instance);
}
