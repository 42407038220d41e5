using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.WebChat.Tests;

/// <summary>One real index, built once from the real corpus into a temp folder and shared by every bot these tests start.</summary>
public sealed class IndexFixture : IDisposable
{
    public IndexFixture()
    {
        IndexPath = Path.Combine(Path.GetTempPath(), $"hkinnobot-webchat-tests-{Guid.NewGuid():N}");
        Answerer = Answerer.Open(new SearchSettings { IndexPath = IndexPath }, NullLogger.Instance);
    }

    public string IndexPath { get; }

    /// <summary>The same index the bot answers from, to know which passage an answer must show.</summary>
    public Answerer Answerer { get; }

    public void Dispose()
    {
        Answerer.Dispose();
        Directory.Delete(IndexPath, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class WebChatCollection : ICollectionFixture<IndexFixture>
{
    public const string Name = "webchat";
}
