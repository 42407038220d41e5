using HkInnoBot.Search.Feedback;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

public sealed class FeedbackLogTests : IDisposable
{
    private readonly string folder = TempFolder.Create("feedback");

    private FeedbackSettings Settings(long maxBytes = 1024 * 1024, int kept = 4) =>
        new() { Path = Path.Combine(folder, "feedback.jsonl"), MaxFileBytes = maxBytes, KeptFiles = kept };

    // Within the retention period: older lines are not read back.
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddHours(-3);

    private static FeedbackEntry Vote(int i, bool helpful = false) =>
        new(Recently.AddMinutes(i), $"數碼港有幾多間初創企業喺園區入面？問題 {i}", $"doc#{i:D3}", helpful);

    [Fact]
    public void VotesAreReadBackInOrder()
    {
        var log = new FeedbackLog(Settings());
        log.Append(Vote(1, helpful: true));
        log.Append(Vote(2));
        Assert.Equal([Vote(1, helpful: true), Vote(2)], FeedbackLog.Read(Settings()));
    }

    [Fact]
    public void TheLogRotatesAtItsSizeLimitAndKeepsABoundedNumberOfFiles()
    {
        var settings = Settings(maxBytes: 400, kept: 2);
        var log = new FeedbackLog(settings);
        for (var i = 0; i < 100; i++)
            log.Append(Vote(i));

        Assert.Equal(3, Directory.GetFiles(folder).Length);
        // Bytes, not characters: each Chinese character is three bytes of UTF-8.
        Assert.All(Directory.GetFiles(folder), file => Assert.InRange(new FileInfo(file).Length, 1, 400));
        var kept = FeedbackLog.Read(settings).ToList();
        Assert.Equal(Vote(99), kept[^1]);
        Assert.Equal(kept.OrderBy(v => v.Time), kept);
        Assert.True(kept.Count < 100);
    }

    [Fact]
    public void LinesThatAreNotVotesAreSkipped()
    {
        new FeedbackLog(Settings()).Append(Vote(1));
        File.AppendAllText(Settings().Path, "{ torn write\nnot json at all\n");
        new FeedbackLog(Settings()).Append(Vote(2));
        Assert.Equal([Vote(1), Vote(2)], FeedbackLog.Read(Settings()));
    }

    [Fact]
    public void NoLogYetIsNoVotes() => Assert.Empty(FeedbackLog.Read(Settings()));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
