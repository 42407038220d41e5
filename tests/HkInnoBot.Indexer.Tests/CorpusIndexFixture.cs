using HkInnoBot.Indexer.Index;
using HkInnoBot.Indexer.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Indexer.Tests;

/// <summary>The real corpus, indexed once into a temporary folder and shared by the tests of a class.</summary>
public sealed class CorpusIndexFixture : IDisposable
{
    public CorpusIndexFixture()
    {
        Settings = new SearchSettings { IndexPath = TempFolder.Create("index") };
        Searcher = PassageIndex.OpenOrBuild(Settings, NullLogger.Instance);
    }

    public SearchSettings Settings { get; }

    public PassageSearcher Searcher { get; }

    public void Dispose()
    {
        Searcher.Dispose();
        Directory.Delete(Settings.IndexPath, recursive: true);
    }
}

internal static class TempFolder
{
    public static string Create(string purpose) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"hkinnobot-{purpose}-{Guid.NewGuid():N}")).FullName;
}
