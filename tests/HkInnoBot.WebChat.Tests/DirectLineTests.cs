using HkInnoBot.Search.Feedback;
using HkInnoBot.Search.Analysis;
using System.Text.RegularExpressions;
using HkInnoBot.Bot.DirectLine;
using HkInnoBot.Search.Answers;
using HkInnoBot.Tests;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace HkInnoBot.WebChat.Tests;

/// <summary>The built-in Direct Line 3.0 over real HTTP, answered by the real bot from the real index.</summary>
[Collection(WebChatCollection.Name)]
public sealed class DirectLineTests(ShippedIndex index) : IDisposable
{
    private const string Question = "科技券係咩？";

    private readonly List<WebChatServer> _servers = [];

    public void Dispose() => _servers.ForEach(server => server.Dispose());

    private WebChatServer Server(Dictionary<string, string?>? settings = null)
    {
        var server = new WebChatServer(index.IndexPath, settings);
        _servers.Add(server);
        return server;
    }

    private static IEnumerable<JsonNode> FromBot(JsonArray activities) =>
        activities.Where(a => (string?)a!["from"]!["role"] == "bot")!;

    // Conversation

    [Fact]
    public async Task The_welcome_is_there_before_the_user_types()
    {
        var client = await DirectLineClient.StartAsync(Server().Client);

        var (activities, watermark) = await client.ReadActivitiesAsync();

        var welcome = Assert.Single(activities)!;
        Assert.Equal("message", (string?)welcome["type"]);
        Assert.Equal("bot", (string?)welcome["from"]!["role"]);
        Assert.Equal(client.ConversationId, (string?)welcome["conversation"]!["id"]);
        Assert.NotEmpty(welcome["attachments"]!.AsArray());
        Assert.Equal("1", watermark);
    }

    [Fact]
    public async Task Starting_again_with_the_same_token_does_not_welcome_twice()
    {
        var client = await DirectLineClient.StartAsync(Server().Client);

        using var again = await client.SendAsync(HttpMethod.Post, "v3/directline/conversations");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Single((await client.ReadActivitiesAsync()).Activities);
    }

    [Fact]
    public async Task A_question_shows_the_users_message_then_the_bots_answer_with_the_passage()
    {
        var best = index.Answerer.Ask(Question, top: 1).Hits[0];
        var client = await DirectLineClient.StartAsync(Server().Client);
        var (_, afterWelcome) = await client.ReadActivitiesAsync();

        var id = await client.SayAsync(Question);
        var (activities, _) = await client.ReadActivitiesAsync(afterWelcome);

        Assert.Equal(2, activities.Count);
        var echo = activities[0]!;
        Assert.Equal(id, (string?)echo["id"]);
        Assert.Equal(Question, (string?)echo["text"]);
        // The server decides who the user is, whatever the client claims.
        Assert.Equal("user", (string?)echo["from"]!["role"]);
        Assert.Equal($"dl_{client.ConversationId}", (string?)echo["from"]!["id"]);
        Assert.StartsWith("client-", (string?)echo["channelData"]!["clientActivityID"]);
        Assert.Null(echo["deliveryMode"]);

        var answer = activities[1]!;
        Assert.Equal("bot", (string?)answer["from"]!["role"]);
        Assert.Equal(id, (string?)answer["replyToId"]);
        Assert.Contains(best.Text, (string?)answer["attachments"]![0]!["content"]!["fallbackText"]);
    }

    [Fact]
    public async Task A_follow_up_is_answered_in_the_context_of_the_conversation_and_an_off_topic_one_is_declined()
    {
        var server = Server();
        var client = await DirectLineClient.StartAsync(server.Client);
        var (_, watermark) = await client.ReadActivitiesAsync();

        async Task<string> AnswerToAsync(string text)
        {
            await client.SayAsync(text);
            var (activities, next) = await client.ReadActivitiesAsync(watermark);
            watermark = next;
            return (string)FromBot(activities).Single()["attachments"]![0]!["content"]!["fallbackText"]!;
        }

        await AnswerToAsync("數字政策辦公室係咩？");
        Assert.Contains("答：2024 年 7 月", await AnswerToAsync("幾時成立？"));
        Assert.StartsWith("政策文件中沒有這個問題的答案。", await AnswerToAsync("恒指今日幾多點？"));
        Assert.Contains("2024 年", await AnswerToAsync("数码港超算中心是什么？"));
        Assert.Contains("2024 年", await AnswerToAsync("什么时候开始？"));

        // Another conversation on the same bot starts without a topic: it is asked what the question is about.
        var other = await DirectLineClient.StartAsync(server.Client);
        var (_, otherStart) = await other.ReadActivitiesAsync();
        await other.SayAsync("幾時成立？");
        var (replies, _) = await other.ReadActivitiesAsync(otherStart);
        Assert.StartsWith("你想問哪一項計劃、機構或設施？", (string?)FromBot(replies).Single()["text"]);
    }

    [Theory]
    [InlineData("""{"type":"message","text":"科技券係咩？","entities":[null]}""")]
    [InlineData("""{"type":"message","text":"科技券係咩？","attachments":[null],"from":null}""")]
    [InlineData("""{"type":"message","text":"科技券係咩？","entities":[{"type":"mention"},null]}""")]
    public async Task Null_entries_in_an_activitys_lists_do_not_fail_the_turn(string activity)
    {
        var client = await DirectLineClient.StartAsync(Server().Client);
        var (_, watermark) = await client.ReadActivitiesAsync();

        using var response = await client.PostActivityAsync(activity);
        var (activities, _) = await client.ReadActivitiesAsync(watermark);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(FromBot(activities), reply => ((string?)reply["text"])?.StartsWith("抱歉") == true);
        Assert.Contains(FromBot(activities), reply => reply["attachments"] is not null);
    }

    [Fact]
    public async Task Every_reply_reads_well_as_plain_text()
    {
        var client = await DirectLineClient.StartAsync(Server().Client);
        var (activities, watermark) = await client.ReadActivitiesAsync();
        Assert.StartsWith("你好", (string?)FromBot(activities).Single()["text"]);

        foreach (var question in new[] { Question, "数码港有多少间初创企业？", "數碼港停車場點收費？", "聽日去邊度行山好？", "😀" })
        {
            await client.SayAsync(question);
            (activities, watermark) = await client.ReadActivitiesAsync(watermark);
            var reply = FromBot(activities).Single();
            var text = (string?)reply["text"];
            Assert.False(string.IsNullOrWhiteSpace(text), $"no text in the reply to {question}");
            if (index.Answerer.Ask(question, top: 1) is { Status: AnswerStatus.Answered or AnswerStatus.Partial, Hits: [var best, ..] })
                Assert.Contains(best.Text[..20], text);
        }
    }

    [Fact]
    public async Task Watermarks_page_through_the_conversation()
    {
        var client = await DirectLineClient.StartAsync(Server().Client);
        var (_, w1) = await client.ReadActivitiesAsync();
        await client.SayAsync("你好");
        var (second, w2) = await client.ReadActivitiesAsync(w1);
        await client.SayAsync(Question);
        var (third, w3) = await client.ReadActivitiesAsync(w2);
        var (none, w4) = await client.ReadActivitiesAsync(w3);
        var (all, wAll) = await client.ReadActivitiesAsync();

        Assert.Equal(["1", "3", "5", "5"], [w1, w2, w3, w4]);
        Assert.Equal("你好", (string?)second[0]!["text"]);
        Assert.Equal(Question, (string?)third[0]!["text"]);
        Assert.Empty(none);
        Assert.Equal("5", wAll);
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => $"{client.ConversationId}|{i:D7}"),
            all.Select(a => (string)a!["id"]!));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task A_watermark_that_is_not_one_is_rejected(string watermark)
    {
        var client = await DirectLineClient.StartAsync(Server().Client);

        using var response = await client.GetActivitiesAsync(watermark);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Web_Chat_and_api_messages_get_the_same_answer_from_the_one_bot()
    {
        var server = Server();
        var client = await DirectLineClient.StartAsync(server.Client);
        var (_, afterWelcome) = await client.ReadActivitiesAsync();
        await client.SayAsync(Question);
        var viaDirectLine = FromBot((await client.ReadActivitiesAsync(afterWelcome)).Activities).Single();

        var emulatorStyle = new JsonObject
        {
            ["type"] = "message",
            ["text"] = Question,
            ["deliveryMode"] = "expectReplies",
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["from"] = new JsonObject { ["id"] = "u1" },
            ["recipient"] = new JsonObject { ["id"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = "c1" },
        };
        using var response = await server.Client.PostAsync("api/messages",
            new StringContent(emulatorStyle.ToJsonString(), Encoding.UTF8, "application/json"));
        var viaMessages = (await DirectLineClient.ReadJsonAsync(response))["activities"]![0]!;

        // The same answer; only the way to vote differs: Web Chat draws its own buttons for the VoteAction entities.
        Assert.Equal(viaMessages["attachments"]![0]!["content"]!["body"]!.ToJsonString(),
            viaDirectLine["attachments"]![0]!["content"]!["body"]!.ToJsonString());
        Assert.Equal(["upvote", "downvote"], viaDirectLine["entities"]!.AsArray().Select(entity => (string?)entity!["actionOption"]));
    }

    [Fact]
    public async Task A_vote_from_Web_Chats_own_buttons_is_thanked_and_the_latest_one_counts()
    {
        var feedback = Path.Combine(TempFolder.Create("webchat-votes"), "feedback.jsonl");
        var server = Server(new() { ["Feedback:Path"] = feedback });
        var client = await DirectLineClient.StartAsync(server.Client);
        var (_, watermark) = await client.ReadActivitiesAsync();
        await client.SayAsync(Question);
        var (activities, afterAnswer) = await client.ReadActivitiesAsync(watermark);
        var answer = FromBot(activities).Single();
        var (up, down) = (answer["entities"]![0]!, answer["entities"]![1]!);

        // What Web Chat posts when its 👎 is pressed, then 👍, then 👎 again.
        foreach (var vote in new[] { down, up, down })
        {
            var feedbackEvent = new JsonObject
            {
                ["type"] = "event",
                ["name"] = "webchat:activity-status/feedback",
                ["entities"] = new JsonArray(vote.DeepClone()),
            };
            using var posted = await client.PostActivityAsync(feedbackEvent.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        // Each vote is thanked briefly, the first as a vote and the others as changes; Web Chat shows the last pressed.
        var (after, _) = await client.ReadActivitiesAsync(afterAnswer);
        Assert.Equal(["多謝你的意見", "已更新", "已更新"], FromBot(after).Select(reply => ((string)reply["text"]!)[..(reply["text"]!.ToString().StartsWith("多謝") ? 6 : 3)]));
        // The log holds each, the later two marked as changes: a review counts one 👎.
        var recorded = FeedbackLog.Read(new FeedbackSettings { Path = feedback }).ToList();
        Assert.Equal([(false, false), (true, true), (false, true)], recorded.Select(vote => (vote.Helpful, vote.Changed)));
    }

    [Fact]
    public async Task A_bot_with_an_app_id_for_Azure_channels_still_answers_on_the_built_in_Direct_Line()
    {
        var server = Server(new()
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });
        var client = await DirectLineClient.StartAsync(server.Client);
        var (_, afterWelcome) = await client.ReadActivitiesAsync();

        await client.SayAsync(Question);

        var answer = Assert.Single(FromBot((await client.ReadActivitiesAsync(afterWelcome)).Activities));
        var best = index.Answerer.Ask(Question, top: 1).Hits[0];
        Assert.Contains(best.Text, (string?)answer["attachments"]![0]!["content"]!["fallbackText"]);
    }

    // Tokens and isolation

    [Fact]
    public async Task A_token_reads_and_writes_only_its_own_conversation()
    {
        var http = Server().Client;
        var alice = await DirectLineClient.StartAsync(http);
        var bob = await DirectLineClient.StartAsync(http);
        await bob.SayAsync("我係 Bob 嘅秘密問題");

        using var read = await alice.GetActivitiesAsync(conversationId: bob.ConversationId);
        using var write = await alice.PostActivityAsync("""{"type":"message","text":"hi"}""", conversationId: bob.ConversationId);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.DoesNotContain("Bob", await read.Content.ReadAsStringAsync());
        Assert.Equal(3, (await bob.ReadActivitiesAsync()).Activities.Count);
        Assert.Single((await alice.ReadActivitiesAsync()).Activities);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Basic dXNlcjpwYXNz", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer garbage", HttpStatusCode.Forbidden)]
    [InlineData("Bearer Zm9vfDk5OTk5OTk5OTk.c2lnbmF0dXJl", HttpStatusCode.Forbidden)]
    public async Task Requests_without_a_valid_token_are_refused(string? authorization, HttpStatusCode expected)
    {
        var http = Server().Client;
        var owner = await DirectLineClient.StartAsync(http);

        async Task<HttpStatusCode> SendAsync(HttpMethod method, string path)
        {
            using var request = new HttpRequestMessage(method, path);
            if (authorization is not null)
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(expected, await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{owner.ConversationId}/activities"));
        Assert.Equal(expected, await SendAsync(HttpMethod.Post, "v3/directline/conversations"));
        Assert.Equal(expected, await SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh"));
    }

    [Fact]
    public async Task A_token_whose_conversation_part_was_changed_is_refused()
    {
        var http = Server().Client;
        var alice = await DirectLineClient.StartAsync(http);
        var bob = await DirectLineClient.StartAsync(http);
        var signature = alice.Token.Split('.')[1];
        alice.Token = $"{bob.Token.Split('.')[0]}.{signature}";

        using var response = await alice.GetActivitiesAsync(conversationId: bob.ConversationId);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_a_refreshed_one_works()
    {
        var server = Server(new() { ["DirectLine:TokenLifetime"] = "00:30:00", ["DirectLine:IdleTimeout"] = "02:00:00" });
        var client = await DirectLineClient.StartAsync(server.Client);

        server.Clock.Advance(TimeSpan.FromMinutes(15));
        using var refresh = await client.RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = await DirectLineClient.ReadJsonAsync(refresh);
        Assert.Equal(client.ConversationId, (string?)refreshed["conversationId"]);
        Assert.Equal(1800, (int)refreshed["expires_in"]!);
        var oldToken = client.Token;

        server.Clock.Advance(TimeSpan.FromMinutes(20));
        client.Token = oldToken;
        using var expired = await client.GetActivitiesAsync();
        using var refreshExpired = await client.RefreshAsync();
        client.Token = (string)refreshed["token"]!;
        using var fresh = await client.GetActivitiesAsync();

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refreshExpired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    // Limits and eviction

    [Fact]
    public async Task An_idle_conversation_is_forgotten_and_then_answers_404()
    {
        var server = Server(new() { ["DirectLine:IdleTimeout"] = "00:05:00" });
        var client = await DirectLineClient.StartAsync(server.Client);

        server.Clock.Advance(TimeSpan.FromMinutes(4));
        using var stillThere = await client.GetActivitiesAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(4)); // idle is counted from the last request, not the start
        using var stillThereToo = await client.GetActivitiesAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        using var gone = await client.GetActivitiesAsync();
        using var postGone = await client.PostActivityAsync("""{"type":"message","text":"hi"}""");
        using var refreshGone = await client.RefreshAsync();

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThereToo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, postGone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refreshGone.StatusCode);
    }

    [Fact]
    public async Task When_full_the_least_recently_used_conversation_makes_room()
    {
        var server = Server(new() { ["DirectLine:MaxConversations"] = "2" });
        var first = await DirectLineClient.StartAsync(server.Client);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await DirectLineClient.StartAsync(server.Client);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        using var firstUsed = await first.GetActivitiesAsync(); // now second is the least recently used
        server.Clock.Advance(TimeSpan.FromSeconds(1));

        var third = await DirectLineClient.StartAsync(server.Client);

        Assert.Equal(HttpStatusCode.OK, firstUsed.StatusCode);
        using var secondGone = await second.GetActivitiesAsync();
        Assert.Equal(HttpStatusCode.NotFound, secondGone.StatusCode);
        Assert.Single((await first.ReadActivitiesAsync()).Activities);
        Assert.Single((await third.ReadActivitiesAsync()).Activities);
    }

    [Fact]
    public async Task Only_the_newest_activities_are_kept_and_watermarks_keep_counting()
    {
        var server = Server(new() { ["DirectLine:MaxActivitiesPerConversation"] = "3" });
        var client = await DirectLineClient.StartAsync(server.Client);
        await client.SayAsync("你好");
        await client.SayAsync("多謝");

        var (kept, watermark) = await client.ReadActivitiesAsync("0");
        var (fromLast, _) = await client.ReadActivitiesAsync("4");

        Assert.Equal("5", watermark);
        Assert.Equal([2, 3, 4], kept.Select(a => int.Parse(((string)a!["id"]!).Split('|')[1])));
        Assert.Equal("多謝", (string?)kept[1]!["text"]);
        Assert.Single(fromLast);
    }

    [Fact]
    public async Task Over_the_byte_budget_the_least_recently_used_conversations_are_forgotten()
    {
        var server = Server(new() { ["DirectLine:MaxStoredBytes"] = "1048576" });
        var store = server.Services.GetRequiredService<ConversationStore>();
        var clients = new List<DirectLineClient>();
        for (var i = 0; i < 3; i++)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            var client = await DirectLineClient.StartAsync(server.Client);
            clients.Add(client);
            // About 16 KB kept per message (7,800 characters), besides the bot's reply.
            for (var message = 0; message < 30; message++)
                await client.SayAsync($"{message} {new string('x', 7800)}");
            Assert.InRange(store.StoredBytes, 1, 1048576);
        }

        using var first = await clients[0].GetActivitiesAsync();
        using var last = await clients[2].GetActivitiesAsync();
        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
    }

    [Fact]
    public async Task Idle_conversations_are_forgotten_on_a_timer_without_being_asked_for()
    {
        var server = Server(new() { ["DirectLine:IdleTimeout"] = "00:05:00" });
        var store = server.Services.GetRequiredService<ConversationStore>();
        await DirectLineClient.StartAsync(server.Client);
        await DirectLineClient.StartAsync(server.Client);
        Assert.Equal(2, store.Count);

        server.Clock.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.StoredBytes);
    }

    [Theory]
    [InlineData("DirectLine:MaxConversations", "0")]
    [InlineData("DirectLine:IdleTimeout", "00:00:00")]
    [InlineData("DirectLine:MaxMessageCharacters", "10")]
    [InlineData("DirectLine:MaxStoredBytes", "1000")]
    public void Limits_out_of_range_stop_the_bot_at_startup(string key, string value)
    {
        var failure = Assert.ThrowsAny<Exception>(() => Server(new() { [key] = value }));

        Assert.Contains(key.Split(':')[1], failure.ToString());
    }

    // Bad input

    [Theory]
    [InlineData("{\"type\":")]
    [InlineData("[1,2,3]")]
    [InlineData("\"message\"")]
    [InlineData("{\"type\":\"conversationUpdate\",\"membersAdded\":[{\"id\":\"x\"}]}")]
    [InlineData("{\"type\":\"invoke\",\"name\":\"x\"}")]
    [InlineData("{\"text\":\"no type\"}")]
    public async Task Malformed_or_disallowed_activities_get_400(string body)
    {
        var client = await DirectLineClient.StartAsync(Server().Client);

        using var response = await client.PostActivityAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single((await client.ReadActivitiesAsync()).Activities);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_activity_gets_413_whether_or_not_its_length_is_declared(bool declareLength)
    {
        var client = await DirectLineClient.StartAsync(Server(new() { ["DirectLine:MaxMessageCharacters"] = "1000" }).Client);
        var body = Encoding.UTF8.GetBytes($$"""{"type":"message","text":"{{new string('科', 5000)}}"}""");
        HttpContent content = declareLength ? new ByteArrayContent(body) : new ChunkedContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await client.SendAsync(HttpMethod.Post,
            $"v3/directline/conversations/{client.ConversationId}/activities", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 1000 characters", await response.Content.ReadAsStringAsync());
        Assert.Single((await client.ReadActivitiesAsync()).Activities);
    }

    [Theory]
    [InlineData('科')]
    [InlineData('a')]
    public async Task Long_messages_in_any_script_are_taken_alike_and_the_reply_says_how_they_were_searched(char letter)
    {
        var client = await DirectLineClient.StartAsync(Server().Client);

        // 3,000 characters: 9 KB in Chinese, 3 KB in English; both under the limit, which counts characters.
        await client.SayAsync("科技券係咩？" + new string(letter, 3000));
        var replies = await WaitForRepliesAsync(client, 2);
        Assert.Contains(replies, reply => ((string?)reply["text"])?.Contains($"我只按首 {QueryText.MaxLength} 個字搜尋") == true);

        // One character over the limit is refused, and says so in characters.
        using var tooLong = await client.PostActivityAsync($$"""{"type":"message","text":"{{new string(letter, 10_001)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
        Assert.Contains("at most 10000 characters", await tooLong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reloaded_page_reconnects_to_its_conversation_with_its_history_and_its_context()
    {
        var server = Server();
        var client = await DirectLineClient.StartAsync(server.Client);
        await client.SayAsync("數字政策辦公室係咩？");
        await WaitForRepliesAsync(client, 1);

        // What directlinejs does given a conversation id: GET the conversation, with a token refreshed for it.
        using var refreshed = await client.RefreshAsync();
        client.Token = (string)(await DirectLineClient.ReadJsonAsync(refreshed))["token"]!;
        using var reconnect = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{client.ConversationId}?watermark=");
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var ticket = await DirectLineClient.ReadJsonAsync(reconnect);
        Assert.Equal(client.ConversationId, (string)ticket["conversationId"]!);
        client.Token = (string)ticket["token"]!;

        // The history is there to draw again, and the follow-up is read with it.
        var (history, _) = await client.ReadActivitiesAsync();
        Assert.Contains(history, activity => (string?)activity!["text"] == "數字政策辦公室係咩？");
        await client.SayAsync("幾時成立？");
        var replies = await WaitForRepliesAsync(client, 2);
        Assert.Contains("2024 年 7 月", (string?)replies[^1]["text"]);

        // Another conversation's id is not this token's.
        var other = await DirectLineClient.StartAsync(server.Client);
        using var elsewhere = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{other.ConversationId}");
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }

    /// <summary>The bot's replies so far, once there are at least <paramref name="count"/> (the welcome aside).</summary>
    private static async Task<List<JsonNode>> WaitForRepliesAsync(DirectLineClient client, int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (activities, _) = await client.ReadActivitiesAsync();
            var replies = activities.Skip(1).Where(activity => (string?)activity!["from"]!["role"] == "bot").Select(activity => activity!).ToList();
            if (replies.Count >= count)
                return replies;
            await Task.Delay(50);
        }
        throw new TimeoutException($"fewer than {count} replies");
    }

    // Traffic

    [Fact]
    public async Task Each_client_is_rate_limited_with_429_and_Retry_After()
    {
        var server = Server(new() { ["DirectLine:RequestsPerMinutePerClient"] = "4" });
        var client = await DirectLineClient.StartAsync(server.Client); // one request of the four

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetActivitiesAsync();
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task New_conversations_have_their_own_stricter_limit()
    {
        var http = Server(new() { ["DirectLine:ConversationsPerMinutePerClient"] = "2" }).Client;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("api/directline/token", null);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(bool proxyTrusted)
    {
        var settings = new Dictionary<string, string?> { ["DirectLine:ConversationsPerMinutePerClient"] = "2" };
        if (proxyTrusted)
            settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        var http = Server(settings).Client;

        async Task<HttpStatusCode> TokenForAsync(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/directline/token");
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await TokenForAsync("203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await TokenForAsync("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TokenForAsync("203.0.113.7"));
        // Another user behind the same proxy has a bucket of their own, but only when the proxy is trusted: from
        // anyone else, X-Forwarded-For is just a header a client can make up.
        Assert.Equal(proxyTrusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, await TokenForAsync("198.51.100.2"));
    }

    [Fact]
    public async Task Cross_origin_calls_are_allowed_only_from_configured_origins()
    {
        var http = Server(new() { ["DirectLine:AllowedOrigins:0"] = "https://www.example.gov.hk" }).Client;

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "v3/directline/conversations");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
            return await http.SendAsync(request);
        }

        using var allowed = await PreflightAsync("https://www.example.gov.hk");
        using var other = await PreflightAsync("https://elsewhere.example");

        Assert.Equal(["https://www.example.gov.hk"], allowed.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("authorization", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    // The page

    [Fact]
    public async Task The_page_serves_Web_Chat_in_zh_HK_compressed_and_cached()
    {
        var http = Server().Client;

        using var pageResponse = await http.GetAsync("/");
        var page = await pageResponse.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-HK\">", page);
        // The page is revalidated; what it names by content hash is kept for good.
        Assert.True(pageResponse.Headers.CacheControl?.NoCache);
        Assert.NotNull(pageResponse.Headers.ETag);
        var widgetPath = Regex.Match(page, @"src=""(lib/webchat\.\w+\.js)""").Groups[1].Value;
        var scriptPath = Regex.Match(page, @"src=""(chat\.\w+\.js)""").Groups[1].Value;
        Assert.NotEmpty(widgetPath);

        using var request = new HttpRequestMessage(HttpMethod.Get, widgetPath);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var widget = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Contains(widget.Content.Headers.ContentEncoding, encoding => encoding is "gzip" or "br");
        Assert.True(widget.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), $"{widget.Headers.CacheControl}");
        var compressed = await widget.Content.ReadAsByteArrayAsync();
        Assert.InRange(compressed.Length, 100_000, 1_200_000);
        using Stream unzipped = widget.Content.Headers.ContentEncoding.Contains("br")
            ? new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        Assert.Contains("renderWebChat", await new StreamReader(unzipped).ReadToEndAsync());
        Assert.Contains("locale: 'zh-HK'", await http.GetStringAsync(scriptPath));
        // The unversioned names still serve, for pages that embed the chat (README).
        using var plain = await http.GetAsync("chat.js");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    /// <summary>A body sent with chunked transfer encoding, so the server cannot tell its size up front.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
