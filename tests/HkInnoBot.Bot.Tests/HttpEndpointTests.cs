using System.Net;
using HkInnoBot.Bot.Cards;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Feedback;
using Newtonsoft.Json.Linq;
using static HkInnoBot.Bot.Tests.Activities;

namespace HkInnoBot.Bot.Tests;

/// <summary>The real app on Kestrel, reached over HTTP the way the Emulator, Agents Playground and Teams reach it.</summary>
[Collection(BotCollection.Name)]
public sealed class HttpEndpointTests(BotHostFixture fixture)
{
    private const string Question = "數碼港有多少間初創企業？";

    [ExternalAddressFact]
    public async Task Without_an_app_id_only_local_clients_are_served()
    {
        using var server = new BotServer(new() { ["Search:IndexPath"] = fixture.IndexPath, ["Feedback:Path"] = fixture.FeedbackPath },
            ExternalAddressFactAttribute.Address);

        using var response = await server.PostAsync(Json("message", Question));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.AnonymousServer.PostAsync(Json("message", "help"))).StatusCode);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.Forbidden)]
    [InlineData(false, HttpStatusCode.OK)]
    public async Task Behind_a_trusted_proxy_a_forwarded_remote_client_is_not_local(bool proxyTrusted, HttpStatusCode expected)
    {
        var settings = new Dictionary<string, string?> { ["Search:IndexPath"] = fixture.IndexPath, ["Feedback:Path"] = fixture.FeedbackPath };
        if (proxyTrusted)
            settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        using var server = new BotServer(settings);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Json("message", "help").ToString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await server.Client.SendAsync(request);

        // A proxy on this machine passing on a request from elsewhere: without an app id, not served. An untrusted
        // X-Forwarded-For is ignored (the caller is this machine).
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public void A_malformed_proxy_address_stops_the_start_with_a_clear_message()
    {
        var failure = Assert.ThrowsAny<Exception>(() => new BotServer(new()
        {
            ["Search:IndexPath"] = fixture.IndexPath,
            ["ReverseProxy:KnownNetworks:0"] = "10.0.0.0/99",
        }));
        Assert.Contains("ReverseProxy:KnownNetworks", failure.ToString());
    }

    [Fact]
    public async Task Answers_a_question_posted_to_api_messages()
    {
        var reply = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", Question)));

        var card = Card(reply);
        Assert.Equal($"問：{Question}", Texts(card)[0]);
        Assert.Contains(Texts(card), text => text.StartsWith("資料來源：創新及科技（2024-07-25），〈"));
        Assert.Equal("user-1", (string?)reply["recipient"]!["id"]);
    }

    [Theory]
    [InlineData("數碼港嘅地址係邊？", "政策文件提到「數碼港」，但沒有提及地址。", "相關段落", "資料來源：")]
    [InlineData("数码港的地址在哪里？", "政策文件提到「数码港」，但没有提及地址。", "相关段落", "资料来源：")]
    public async Task Says_what_the_text_mentions_and_what_it_does_not_when_the_asked_fact_is_absent(
        string question, string message, string related, string source)
    {
        var reply = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", question)));

        var texts = Texts(Card(reply));
        Assert.Equal(message, texts[1]);
        Assert.Equal(related, texts[2]);
        Assert.Contains(texts, text => text.StartsWith(source));
        Assert.StartsWith(message, (string?)reply["attachments"]![0]!["content"]!["fallbackText"]);
    }

    [Fact]
    public async Task Gives_the_same_count_whichever_measure_word_counts_the_companies()
    {
        var answers = new List<string>();
        foreach (var measureWord in new[] { "家", "間", "個" })
        {
            var card = Card(Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", $"香港有多少{measureWord}初創企業？"))));
            answers.Add(Texts(card)[1]);
        }
        Assert.Equal(["答：近 4,300 間初創企業"], answers.Distinct());
    }

    [Fact]
    public async Task Answers_both_parts_of_a_two_part_question()
    {
        var card = Card(Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", "先進製造業中心在哪裡？面積有多大？"))));

        Assert.Equal("答：將軍澳創新園；約 108,600 平方米", Texts(card)[1]);
    }

    [Theory]
    [InlineData("科技卷批咗幾多宗申請？", "問：科技卷批咗幾多宗申請？（按「科技券」搜尋）")] // 券 typed as its homophone 卷
    [InlineData("科技\u200b券批咗幾多宗申請？", "問：科技券批咗幾多宗申請？")] // a zero-width space pasted from a web page
    [InlineData("&#31185;&#25216;&#21048;批咗幾多宗申請？", "問：科技券批咗幾多宗申請？")]
    public async Task Reads_a_slip_or_what_a_question_carries_invisibly_and_says_how_it_read_it(string question, string asked)
    {
        var card = Card(Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", question))));

        Assert.Equal(asked, Texts(card)[0]);
        Assert.Equal("答：超過 32,000 宗", Texts(card)[1]);
    }

    [Theory]
    [InlineData("數字政策辦公室係咩？", "幾時成立？", "2024 年 7 月", "問：幾時成立？（理解為：數字政策辦公室 幾時成立？）")]
    [InlineData("数码港超算中心是什么？", "什么时候开始？", "2024 年", "问：什么时候开始？（理解为：数码港 超算中心 什么时候开始？）")]
    public async Task Answers_a_follow_up_in_the_same_conversation_and_shows_the_question_as_understood(
        string first, string followUp, string expected, string understood)
    {
        var conversation = $"follow-up-{Guid.NewGuid():N}";
        await fixture.AnonymousServer.ExchangeAsync(Json("message", first, conversation));

        var reply = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", followUp, conversation)));

        var card = Card(reply);
        Assert.Equal(understood, Texts(card)[0]);
        Assert.Contains(expected, (string?)card["fallbackText"]);
        // The buttons carry the question as understood, so a click needs no conversation state.
        Assert.All(Buttons(card), button => Assert.NotEqual(followUp, (string?)button["data"]!["q"]));
        // Another conversation has no such context: the reply asks what the question is about.
        var alone = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", followUp)));
        Assert.DoesNotContain(expected, (string?)alone["text"]);
        Assert.Empty(alone["attachments"] ?? new JArray());
    }

    [Fact]
    public async Task Declines_an_off_topic_second_turn_and_keeps_the_topic_for_the_next()
    {
        var conversation = $"follow-up-{Guid.NewGuid():N}";
        await fixture.AnonymousServer.ExchangeAsync(Json("message", "香港科技園公司係咩？", conversation));

        var offTopic = Card(Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", "恒指今日幾多點？", conversation))));
        var next = Card(Assert.Single(await fixture.AnonymousServer.ExchangeAsync(Json("message", "佢支援幾多間公司？", conversation))));

        Assert.Equal("政策文件中沒有這個問題的答案。", Texts(offTopic)[0]);
        Assert.Contains("1,500", (string?)next["fallbackText"]);
    }

    [Fact]
    public async Task Welcomes_the_user_when_the_emulator_connects()
    {
        var update = Json("conversationUpdate");
        update["membersAdded"] = new JArray(new JObject { ["id"] = "user-1" }, new JObject { ["id"] = BotId });

        var reply = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(update));

        Assert.Equal(AnswerCards.ExampleQuestions.Count, Buttons(Card(reply)).Count);
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Handles_teams_card_button_clicks_in_every_kind_of_conversation(string conversationType)
    {
        var click = TeamsActivity(conversationType);
        click["value"] = Clicked(ButtonValue.MoreResults(Question, 1));

        var reply = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(click));

        Assert.StartsWith($"「{Question}」", Texts(Card(reply))[0]);
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Strips_the_teams_mention_in_group_chats_and_channels(string conversationType)
    {
        var message = TeamsActivity(conversationType);
        message["text"] = $"<at>HkInnoBot</at> {Question}";
        message["entities"] = new JArray(new JObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JObject { ["id"] = BotId, ["name"] = "HkInnoBot" },
            ["text"] = "<at>HkInnoBot</at>",
        });

        var reply = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(message));

        Assert.Equal($"問：{Question}", Texts(Card(reply))[0]);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("event")]
    [InlineData("invoke")]
    [InlineData("messageReaction")]
    [InlineData("installationUpdate")]
    [InlineData("endOfConversation")]
    [InlineData("messageUpdate")]
    [InlineData("conversationUpdate")]
    [InlineData("somethingNew")]
    public async Task Non_message_activities_never_error(string type)
    {
        var activity = Json(type);
        activity["name"] = type == "invoke" ? "adaptiveCard/action" : "someEvent";
        activity["reactionsAdded"] = new JArray(new JObject { ["type"] = "like" });
        activity["action"] = "add";
        activity["membersRemoved"] = new JArray(new JObject { ["id"] = "user-1" });

        using var response = await fixture.AnonymousServer.PostAsync(activity);

        Assert.True(response.IsSuccessStatusCode, $"{type}: HTTP {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Non_message_activities_get_no_reply()
    {
        foreach (var type in new[] { "typing", "event", "messageReaction", "installationUpdate" })
            Assert.Empty(await fixture.AnonymousServer.ExchangeAsync(Json(type)));
    }

    [Fact]
    public async Task A_100_kb_message_is_answered_and_the_user_told_it_was_cut()
    {
        var huge = Question + new string('科', 34_000);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(huge) > 100_000);

        var replies = await fixture.AnonymousServer.ExchangeAsync(Json("message", huge));

        Assert.Equal(2, replies.Count);
        Assert.StartsWith("你的訊息太長", (string?)replies[0]["text"]);
    }

    [Theory]
    [InlineData("{bad json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"message\",\"text\":")]
    [InlineData("\"just a string\"")]
    public async Task A_malformed_body_gets_400(string body)
    {
        using var response = await fixture.AnonymousServer.PostRawAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    public async Task An_activity_without_a_usable_service_url_gets_400(string? serviceUrl)
    {
        var activity = Json("message", Question);
        activity["serviceUrl"] = serviceUrl;

        using var response = await fixture.AnonymousServer.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Without_an_app_id_requests_need_no_token()
    {
        using var response = await fixture.AnonymousServer.PostAsync(Json("typing"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer ....")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZSJ9.")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2ln")]
    public async Task With_an_app_id_a_missing_or_malformed_token_gets_401(string? authorization)
    {
        using var response = await fixture.AuthenticatedServer.PostAsync(Json("message", Question), authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Starts_and_says_search_is_unavailable_when_no_index_can_be_built()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), $"hkinnobot-missing-{Guid.NewGuid():N}");
        using var server = new BotServer(new()
        {
            ["Search:IndexPath"] = Path.Combine(nowhere, "index"),
            ["Search:CorpusPath"] = Path.Combine(nowhere, "corpus"),
        });

        var reply = Assert.Single(await server.ExchangeAsync(Json("message", Question)));

        Assert.Equal(AnswerCards.SearchUnavailable(Script.Traditional).Text, (string?)reply["text"]);
    }

    /// <summary>A Teams activity as the Teams channel sends it, in a personal chat, a group chat or a team channel.</summary>
    [Theory]
    [InlineData("personal")]
    [InlineData("groupChat")]
    public async Task Teams_answers_use_its_feedback_loop_and_the_latest_vote_through_it_counts(string conversationType)
    {
        var question = TeamsActivity(conversationType);
        question["conversation"]!["id"] = $"19:{conversationType}-{Guid.NewGuid():N}@thread.v2";
        question["text"] = "科技券係咩？";
        var reply = Assert.Single(await fixture.AnonymousServer.ExchangeAsync(question));

        Assert.True((bool?)reply["channelData"]?["feedbackLoopEnabled"]);
        // Teams would draw the text above the card again: the words are the summary its notifications show.
        Assert.Null(reply["text"]);
        Assert.Contains("科技券", (string?)reply["summary"]);
        Assert.DoesNotContain(Buttons(Card(reply)), button => (string?)button["data"]!["action"] == ButtonValue.Vote);

        var log = new FeedbackSettings { Path = fixture.FeedbackPath };
        var before = FeedbackLog.Read(log).Count();
        foreach (var reaction in new[] { "dislike", "like" })
        {
            // What Teams sends when its 👎 (and then 👍) under that reply is used.
            var vote = (JObject)question.DeepClone();
            vote["type"] = "invoke";
            vote["name"] = "message/submitAction";
            vote["replyToId"] = reply["id"];
            vote.Remove("text");
            vote["value"] = new JObject
            {
                ["actionName"] = "feedback",
                ["actionValue"] = new JObject { ["reaction"] = reaction, ["feedback"] = """{"feedbackText":"太籠統"}""" },
            };
            using var response = await fixture.AnonymousServer.PostAsync(vote);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The 👍 replaces the 👎: the log says so, and a review counts the 👍 alone.
        var votes = FeedbackLog.Read(log).ToList();
        Assert.Equal(before + 2, votes.Count);
        Assert.Equal(("科技券係咩？", false, false), (votes[^2].Question, votes[^2].Helpful, votes[^2].Changed));
        Assert.Equal(("科技券係咩？", true, true), (votes[^1].Question, votes[^1].Helpful, votes[^1].Changed));
    }

    private static JObject TeamsActivity(string conversationType)
    {
        var activity = Json("message");
        activity["channelId"] = "msteams";
        activity["conversation"] = new JObject { ["id"] = $"19:{conversationType}@thread.v2", ["conversationType"] = conversationType, ["tenantId"] = "tenant-1" };
        activity["channelData"] = conversationType == "channel"
            ? new JObject { ["tenant"] = new JObject { ["id"] = "tenant-1" }, ["team"] = new JObject { ["id"] = "19:team" }, ["channel"] = new JObject { ["id"] = "19:channel" } }
            : new JObject { ["tenant"] = new JObject { ["id"] = "tenant-1" } };
        return activity;
    }
}
