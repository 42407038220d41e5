using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Indexer.Tests;

/// <summary>The real corpus, indexed once into a temporary folder and shared by the tests of a class.</summary>
public sealed class CorpusIndexFixture : IDisposable
{
    public CorpusIndexFixture()
    {
        Settings = new SearchSettings { IndexPath = TempFolder.Create("index") };
        Answerer = Answerer.Open(Settings, NullLogger.Instance);
    }

    public SearchSettings Settings { get; }

    public Answerer Answerer { get; }

    public void Dispose()
    {
        Answerer.Dispose();
        Directory.Delete(Settings.IndexPath, recursive: true);
    }
}

internal static class TempFolder
{
    public static string Create(string purpose) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"hkinnobot-{purpose}-{Guid.NewGuid():N}")).FullName;
}
