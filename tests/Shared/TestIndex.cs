using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Tests;

/// <summary>The corpora tests index: the shipped one where a test is about answers to real questions, and a small one of
/// two documents (tests/data/corpus) for the mechanics, so adding a document to corpus/ changes no mechanics test.</summary>
public static class TestCorpora
{
    /// <summary>corpus/, as the app finds it next to its binaries.</summary>
    public static string Shipped => SearchSettings.DefaultCorpusPath;

    /// <summary>智慧出行 (mobility, 4 passages) and 海洋科研 (marine, 3 passages), with a synonyms.txt.</summary>
    public static string Small => Path.Combine(AppContext.BaseDirectory, "data", "corpus");

    /// <summary>A private copy of a corpus that a test may change; the caller deletes it.</summary>
    public static string CopyOf(string corpus)
    {
        var copy = TempFolder.Create("corpus");
        foreach (var file in Directory.GetFiles(corpus))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }
}

public static class TempFolder
{
    public static string Create(string purpose) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"hkinnobot-{purpose}-{Guid.NewGuid():N}")).FullName;
}

/// <summary>The shipped corpus indexed once into a temporary folder, with an answerer on it, shared by the tests of a
/// class or collection.</summary>
public sealed class ShippedIndex : IDisposable
{
    public ShippedIndex()
    {
        Settings = new SearchSettings { IndexPath = TempFolder.Create("index") };
        Answerer = Answerer.Open(Settings, NullLogger.Instance);
    }

    public SearchSettings Settings { get; }

    public string IndexPath => Settings.IndexPath;

    public Answerer Answerer { get; }

    public void Dispose()
    {
        Answerer.Dispose();
        Directory.Delete(Settings.IndexPath, recursive: true);
    }
}
