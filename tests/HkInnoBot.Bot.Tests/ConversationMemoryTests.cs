using HkInnoBot.Bot.State;
using HkInnoBot.Search.Answers;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.Tests;

/// <summary>What a conversation remembers between turns: the SDK's ConversationState over the bounded in-memory store.</summary>
public sealed class ConversationMemoryTests
{
    private static BoundedMemoryStorage Storage(int maxRemembered = 100, TimeSpan? idleLifetime = null) =>
        new(Options.Create(new ConversationOptions { MaxRemembered = maxRemembered, IdleLifetime = idleLifetime ?? TimeSpan.FromMinutes(20) }));

    [Fact]
    public async Task A_topic_written_by_one_turn_is_read_back_by_the_next_and_a_turn_cannot_change_what_is_stored()
    {
        using var storage = Storage();
        var topic = new FollowUpContext("香港科技園公司係咩？", ["香港科技園公司"]);
        var written = new Dictionary<string, object> { ["lastTopic"] = topic };

        await storage.WriteAsync(new Dictionary<string, object> { ["emulator/conversations/a"] = written });
        var read = await storage.ReadAsync(["emulator/conversations/a", "emulator/conversations/b"]);

        var state = Assert.IsType<Dictionary<string, object>>(Assert.Single(read).Value);
        Assert.Equal(topic, state["lastTopic"]);
        Assert.NotSame(written, state);
        state["lastTopic"] = new FollowUpContext("另一個問題", []);
        Assert.Equal(topic, (await storage.ReadAsync(["emulator/conversations/a"])).Values.OfType<Dictionary<string, object>>().Single()["lastTopic"]);
    }

    [Fact]
    public async Task Anything_but_bot_state_is_refused_with_a_clear_message()
    {
        using var storage = Storage();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => storage.WriteAsync(new Dictionary<string, object> { ["k"] = "text" }));

        Assert.Contains("String", refused.Message);
    }

    [Fact]
    public async Task It_never_holds_more_conversations_than_its_limit()
    {
        using var storage = Storage(maxRemembered: 10);
        var keys = Enumerable.Range(0, 200).Select(i => $"emulator/conversations/{i}").ToArray();

        foreach (var key in keys)
            await storage.WriteAsync(new Dictionary<string, object> { [key] = new Dictionary<string, object> { ["n"] = key } });

        var kept = await storage.ReadAsync(keys);
        Assert.InRange(kept.Count, 1, 10);
    }

    [Fact]
    public async Task A_conversation_idle_past_its_lifetime_is_forgotten()
    {
        using var storage = Storage(idleLifetime: TimeSpan.FromMilliseconds(300));
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Dictionary<string, object> { ["n"] = 1 } });

        await Task.Delay(600);

        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task Deleted_state_is_gone()
    {
        using var storage = Storage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Dictionary<string, object> { ["n"] = 1 } });

        await storage.DeleteAsync(["k"]);

        Assert.Empty(await storage.ReadAsync(["k"]));
    }
}
