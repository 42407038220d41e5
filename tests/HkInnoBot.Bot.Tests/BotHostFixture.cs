using HkInnoBot.Tests;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Bot.Tests;

/// <summary>
/// One real index of the shipped corpus (<see cref="ShippedIndex"/>), shared by every test; and the real bot app
/// hosted on Kestrel on a free loopback port, without and with an app id, started on first use.
/// </summary>
public sealed class BotHostFixture : IDisposable
{
    public const string FakeAppId = "00000000-0000-0000-0000-000000000001";

    private readonly Lazy<BotServer> _anonymousServer;
    private readonly Lazy<BotServer> _authenticatedServer;

    public BotHostFixture()
    {
        FeedbackPath = Path.Combine(TempFolder.Create("feedback"), "feedback.jsonl");
        _anonymousServer = new(() => new BotServer(new() { ["Search:IndexPath"] = IndexPath, ["Feedback:Path"] = FeedbackPath }));
        _authenticatedServer = new(() => new BotServer(new()
        {
            ["Search:IndexPath"] = IndexPath,
            ["Feedback:Path"] = FeedbackPath,
            ["MicrosoftAppId"] = FakeAppId,
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        }));
    }

    private readonly ShippedIndex index = new();

    public string IndexPath => index.IndexPath;

    /// <summary>Where the bots under test write votes.</summary>
    public string FeedbackPath { get; }

    public Answerer Answerer => index.Answerer;

    /// <summary>The app as the Emulator and Agents Playground meet it: no app id.</summary>
    public BotServer AnonymousServer => _anonymousServer.Value;

    /// <summary>The app as Azure Bot Service meets it: an app id, so only authenticated requests are accepted.</summary>
    public BotServer AuthenticatedServer => _authenticatedServer.Value;

    public void Dispose()
    {
        if (_anonymousServer.IsValueCreated) _anonymousServer.Value.Dispose();
        if (_authenticatedServer.IsValueCreated) _authenticatedServer.Value.Dispose();
        index.Dispose();
        if (Directory.Exists(Path.GetDirectoryName(FeedbackPath)))
            Directory.Delete(Path.GetDirectoryName(FeedbackPath)!, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BotCollection : ICollectionFixture<BotHostFixture>
{
    public const string Name = "bot";
}
