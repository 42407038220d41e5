using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using HkInnoBot.Bot.Telemetry;
using HkInnoBot.Bot.Bots;
using HkInnoBot.Bot.Cards;
using HkInnoBot.Search;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Feedback;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using static HkInnoBot.Bot.Tests.Activities;

namespace HkInnoBot.Bot.Tests;

/// <summary>The conversation, turn by turn, through the SDK's TestAdapter with the real bot and the real index.</summary>
[Collection(BotCollection.Name)]
public sealed class ConversationTests(BotHostFixture fixture)
{
    private const string Question = "數碼港有多少間初創企業？";

    private PolicyBot Bot(AnswerOptions? options = null, Answerer? answerer = null) =>
        new(answerer ?? fixture.Answerer, new ConversationState(new MemoryStorage()),
            new FeedbackLog(new FeedbackSettings { Path = fixture.FeedbackPath }),
            Options.Create(options ?? new AnswerOptions()),
            new BotTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), answerer ?? fixture.Answerer),
            NullLogger<PolicyBot>.Instance);

    private static async Task<List<IActivity>> SendAsync(IBot bot, Activity activity, string channelId = Channels.Test)
    {
        var adapter = new TestAdapter(channelId);
        await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<IActivity>();
        while (adapter.GetNextReply() is { } reply)
            replies.Add(reply);
        return replies;
    }

    private async Task<JObject> AskAsync(Activity activity, AnswerOptions? options = null) =>
        Card(Assert.Single(await SendAsync(Bot(options), activity)));

    private static string ReplyText(IEnumerable<IActivity> replies) => ((IMessageActivity)Assert.Single(replies)).Text;

    private static Activity MembersAdded(params string[] ids) => new()
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = ids.Select(id => new ChannelAccount(id)).ToList(),
    };

    // Welcome

    [Fact]
    public async Task Welcomes_a_user_who_joins_with_the_example_questions_as_buttons()
    {
        var card = Card(Assert.Single(await SendAsync(Bot(), MembersAdded("user-1"))));

        Assert.Contains("你好", Texts(card)[0]);
        Assert.Equal(AnswerCards.ExampleQuestions, Buttons(card).Select(button => (string)button["data"]!["q"]!));
        Assert.All(Buttons(card), button => Assert.Equal(ButtonValue.Ask, (string?)button["data"]!["action"]));
    }

    [Fact]
    public async Task Does_not_welcome_the_bot_itself()
    {
        Assert.Empty(await SendAsync(Bot(), MembersAdded(BotId)));
    }

    [Fact]
    public async Task Welcomes_people_who_join_together_with_one_card()
    {
        Assert.Single(await SendAsync(Bot(), MembersAdded(BotId, "user-1", "user-2")));
    }

    [Fact]
    public async Task Every_example_question_is_answered_by_the_policy_text()
    {
        foreach (var question in AnswerCards.ExampleQuestions)
        {
            var card = await AskAsync(ButtonClick(Clicked(ButtonValue.AskQuestion(question))));
            Assert.Contains(Texts(card), text => text.StartsWith("資料來源："));
        }
    }

    // Answers

    [Theory]
    [InlineData("香港有幾多間初創企業？", "答：近 4,300 間初創企業")]
    [InlineData("微電子中心幾時落成？", "答：2024 年內")]
    [InlineData("Z/Yen 智慧中心指數香港排第幾？", "答：全球第 10、亞太區第 2")]
    public async Task How_many_when_and_rank_questions_lead_with_the_short_answer(string question, string shortAnswer)
    {
        var card = await AskAsync(Message(question));
        Assert.Equal(shortAnswer, Texts(card)[1]);
        Assert.StartsWith(shortAnswer, (string)card["fallbackText"]!);
    }

    [Fact]
    public async Task A_question_in_Simplified_gets_the_answer_and_its_labels_in_Simplified()
    {
        const string question = "科技券是什么？";
        var best = fixture.Answerer.Ask(question, top: 1).Hits[0];

        var card = await AskAsync(Message(question));

        var texts = Texts(card);
        Assert.Equal(best.Highlighted, texts[2]);
        Assert.Contains("「**科技券**」", texts[2]);
        Assert.Contains("获业界的广泛支持", texts[2]);
        Assert.Equal($"资料来源：创新及科技（2024-07-25），〈{best.Section}〉", texts[3]);
        Assert.Contains(Buttons(card), button => (string?)button["title"] == "👎 没有帮助");
        Assert.All(Buttons(card).Where(b => (string?)b["data"]!["action"] == ButtonValue.Vote), b => Assert.Equal(best.Id, (string?)b["data"]!["id"]));
        Assert.Equal("我可以做什么？", Texts(await AskAsync(Message("帮助")))[0]);
        Assert.Equal("政策文件中没有这个问题的答案。", Texts(await AskAsync(Message("书簿津贴申请什么时候截止？")))[0]);
        Assert.StartsWith("不用客气", ReplyText(await SendAsync(Bot(), Message("谢谢"))));
    }

    [Fact]
    public async Task Votes_are_appended_to_the_feedback_log_without_user_ids()
    {
        var card = await AskAsync(Message("科技券係咩？"));
        var thumbsDown = Buttons(card).Single(button => (string?)button["title"] == "👎 沒有幫助")["data"]!;
        var before = FeedbackLog.Read(new FeedbackSettings { Path = fixture.FeedbackPath }).Count();

        var reply = ReplyText(await SendAsync(Bot(), ButtonClick(thumbsDown)));

        Assert.StartsWith("多謝你的意見", reply);
        var vote = FeedbackLog.Read(new FeedbackSettings { Path = fixture.FeedbackPath }).Last();
        Assert.Equal(before + 1, FeedbackLog.Read(new FeedbackSettings { Path = fixture.FeedbackPath }).Count());
        Assert.Equal(("科技券係咩？", (string)thumbsDown["id"]!, false), (vote.Question, vote.PassageId, vote.Helpful));
        Assert.DoesNotContain("user-1", File.ReadAllText(fixture.FeedbackPath));
    }

    [Fact]
    public async Task Answers_with_the_best_passage_its_section_emphasised_terms_and_source()
    {
        const string question = "數碼港投資創業基金投資了甚麼公司？";
        var best = fixture.Answerer.Ask(question, top: 1).Hits[0];

        var card = await AskAsync(Message(question));

        Assert.Equal("1.5", (string?)card["version"]);
        var texts = Texts(card);
        Assert.Equal($"問：{question}", texts[0]);
        Assert.Equal(best.Section, texts[1]);
        Assert.Equal(best.Highlighted, texts[2]);
        Assert.Contains("**數碼港", texts[2]);
        Assert.Equal($"資料來源：創新及科技（2024-07-25），〈{best.Section}〉", texts[3]);
        var fallback = (string)card["fallbackText"]!;
        Assert.Contains(best.Text, fallback);
        Assert.DoesNotContain("**", fallback.Replace(best.Text, ""));
    }

    [Fact]
    public async Task Offers_close_alternatives_as_buttons_that_open_that_passage()
    {
        var everythingIsClose = new AnswerOptions { CloseConfidenceMargin = 1 };
        var hits = fixture.Answerer.Ask(Question, top: 3, highlighted: 3).Hits;

        var card = await AskAsync(Message(Question), everythingIsClose);

        var alternatives = Buttons(card).Where(button => (string?)button["data"]!["action"] == ButtonValue.Passage).ToList();
        Assert.Equal(hits.Skip(1).Select(hit => hit.Id), alternatives.Select(button => (string)button["data"]!["id"]!));
        var opened = await AskAsync(ButtonClick(alternatives[0]["data"]!));
        Assert.Contains(hits[1].Section, Texts(opened));
        Assert.Contains(hits[1].Highlighted, Texts(opened));
    }

    [Fact]
    public async Task Offers_only_alternatives_whose_confidence_is_close()
    {
        var options = new AnswerOptions { CloseConfidenceMargin = 0.02 };
        var hits = fixture.Answerer.Ask(Question, top: 3).Hits;

        var card = await AskAsync(Message(Question), options);

        var offered = Buttons(card).Where(button => (string?)button["data"]!["action"] == ButtonValue.Passage)
            .Select(button => hits.Single(hit => hit.Id == (string)button["data"]!["id"]!));
        Assert.All(offered, hit => Assert.True(hits[0].Confidence - hit.Confidence <= 0.02));
        Assert.DoesNotContain(Buttons(await AskAsync(Message(Question), new AnswerOptions { MaxAlternatives = 0 })),
            button => (string?)button["data"]!["action"] == ButtonValue.Passage);
    }

    [Fact]
    public async Task More_results_pages_through_further_hits_without_repeating_any()
    {
        var options = new AnswerOptions { PageSize = 2 };
        var card = await AskAsync(Message(Question), options);
        var seen = Buttons(card).Where(button => (string?)button["data"]!["action"] == ButtonValue.Passage)
            .Select(button => (string)button["data"]!["id"]!).ToList();
        var more = ButtonData(card, ButtonValue.More);
        Assert.Equal(1 + seen.Count, (int)more["offset"]!);

        var pages = 0;
        while (more is not null && pages++ < 100)
        {
            var offset = (int)more["offset"]!;
            var expected = fixture.Answerer.Ask(Question, top: options.PageSize, offset).Hits;
            var page = await AskAsync(ButtonClick(more), options);
            // Each passage in full, once: no button repeats it; numbered by its place in the ranking (「4．」, not a
            // Markdown list of one).
            var texts = Texts(page);
            Assert.Equal(expected.Select(hit => $"{hit.Rank}．{hit.Section}"), texts.Where(text => Regex.IsMatch(text, @"^\d+．")));
            Assert.All(expected, hit => Assert.Contains(hit.Text, texts));
            Assert.DoesNotContain(Buttons(page), button => (string?)button["data"]!["action"] == ButtonValue.Passage);
            var ids = expected.Select(hit => hit.Id).ToList();
            Assert.Empty(ids.Intersect(seen));
            seen.AddRange(ids);
            more = Buttons(page).Any(button => (string?)button["data"]!["action"] == ButtonValue.More)
                ? ButtonData(page, ButtonValue.More)
                : null;
        }
        Assert.Null(more);
        Assert.True(pages > 1, "the question has more hits than fit on one page");
    }

    [Fact]
    public async Task More_results_past_the_last_hit_says_there_are_no_more()
    {
        var replies = await SendAsync(Bot(), ButtonClick(Clicked(ButtonValue.MoreResults(Question, 1000))));
        Assert.Equal(AnswerCards.NoMoreResults(Script.Traditional).Text, ReplyText(replies));
    }

    // No answer

    [Theory]
    [InlineData("聽日去邊度行山好？")]
    [InlineData("How do I renew my passport?")]
    [InlineData("差餉寬減幾時會有？")]
    [InlineData("書簿津貼申請甚麼時候截止？")]
    public async Task Says_the_text_has_no_answer_and_suggests_topics_instead_of_a_random_passage(string question)
    {
        var card = await AskAsync(Message(question));

        var texts = Texts(card);
        Assert.Equal("政策文件中沒有這個問題的答案。", texts[0]);
        Assert.Equal("你可以試試以下問題：", texts[1]);
        Assert.DoesNotContain(texts, text => text.StartsWith("資料來源："));
        // The questions it suggests are the ones it offers.
        Assert.Equal(AnswerCards.ExampleQuestions, Buttons(card).Select(button => (string?)button["data"]!["q"]));
        Assert.All(Buttons(card), button => Assert.Equal(ButtonValue.Ask, (string?)button["data"]!["action"]));
    }

    [Fact]
    public async Task A_question_that_names_nothing_is_asked_what_it_is_about_unless_the_conversation_says()
    {
        // One bot, one conversation (the test adapter's own) from turn to turn.
        var bot = Bot();

        Assert.StartsWith("你想問哪一項計劃、機構或設施？", ReplyText(await SendAsync(bot, Message("幾時成立？"))));

        await SendAsync(bot, Message("數字政策辦公室係咩？"));
        var card = Card(Assert.Single(await SendAsync(bot, Message("幾時成立？"))));
        Assert.Contains("答：2024 年 7 月", Texts(card));
    }

    [Fact]
    public async Task A_declined_question_that_names_what_the_text_covers_is_offered_questions_about_it()
    {
        const string question = "科技券可以買咖啡機嗎？";
        var answer = fixture.Answerer.Ask(question);
        Assert.Equal(AnswerStatus.NoAnswer, answer.Status);
        Assert.Contains("科技券", answer.Named);

        var card = await AskAsync(Message(question));

        Assert.Equal("政策文件中沒有這個問題的答案。", Texts(card)[0]);
        Assert.Contains("「科技券」", Texts(card)[1]);
        Assert.Contains("「科技券」是甚麼？", Buttons(card).Select(button => (string?)button["data"]!["q"]));
        var asked = await AskAsync(ButtonClick(Buttons(card).First()["data"]!));
        Assert.Contains(Texts(asked), text => text.StartsWith("資料來源："));
    }

    [Fact]
    public async Task A_more_results_button_for_an_unanswerable_question_shows_no_passages()
    {
        var card = await AskAsync(ButtonClick(Clicked(ButtonValue.MoreResults("How do I renew my passport?", 1))));
        Assert.Equal("政策文件中沒有這個問題的答案。", Texts(card)[0]);
    }

    // Help and small talk

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("幫助")]
    [InlineData("?")]
    [InlineData("？")]
    [InlineData(" 幫助！ ")]
    public async Task Help_explains_what_the_bot_can_do(string message)
    {
        var card = await AskAsync(Message(message));
        Assert.Equal("我可以做甚麼？", Texts(card)[0]);
        Assert.Equal(AnswerCards.ExampleQuestions.Count, Buttons(card).Count);
    }

    [Theory]
    [InlineData("你好", "你好！")]
    [InlineData("Hi", "你好！")]
    [InlineData("早晨！", "你好！")]
    [InlineData("唔該晒", "不用客氣")]
    [InlineData("拜拜", null)]
    [InlineData("thank you!", "不用客氣")]
    [InlineData("多謝", "不用客氣")]
    public async Task Greetings_and_thanks_get_a_short_polite_reply_without_a_search(string message, string? replyStart)
    {
        var reply = (IMessageActivity)Assert.Single(await SendAsync(Bot(), Message(message)));
        if (replyStart is null)
        {
            // Not a phrase the bot knows: it is taken like any question (a word that names nothing is asked what it
            // is about), never an error.
            Assert.False(string.IsNullOrEmpty(reply.Text) && reply.Attachments is not { Count: > 0 });
            Assert.NotEqual(AnswerCards.TurnFailed().Text, reply.Text);
            return;
        }
        Assert.StartsWith(replyStart, reply.Text);
        Assert.Empty(reply.Attachments ?? []);
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("👍👍")]
    [InlineData("...")]
    [InlineData("🙂！")]
    public async Task Emoji_and_punctuation_alone_get_a_friendly_nudge_not_a_no_answer(string message)
    {
        var reply = (IMessageActivity)Assert.Single(await SendAsync(Bot(), Message(message)));

        Assert.StartsWith("😊", reply.Text);
        Assert.Contains(AnswerCards.ExampleQuestions[1], reply.Text);
        Assert.Empty(reply.Attachments ?? []);
    }

    [Fact]
    public async Task A_greeting_followed_by_a_question_is_answered_as_a_question()
    {
        var card = await AskAsync(Message("你好，" + Question));
        Assert.Contains(Texts(card), text => text.StartsWith("資料來源："));
    }

    // Teams

    [Fact]
    public async Task Strips_the_teams_mention_before_searching()
    {
        // As Teams sends it: the mention entity names the bot (the activity's recipient).
        var activity = Message($"<at>HkInnoBot</at> {Question}");
        activity.Entities = [MentionOf(BotId)];

        var replies = await SendAsync(Bot(), activity, Channels.Msteams);

        var card = Card(Assert.Single(replies));
        Assert.Equal($"問：{Question}", Texts(card)[0]);
        Assert.Contains(Texts(card), text => text.StartsWith("資料來源："));
    }

    [Fact]
    public async Task A_mention_entity_without_an_account_leaves_the_text_alone()
    {
        var activity = Message(Question);
        activity.Entities = [new Entity("mention") { Properties = new JObject { ["text"] = "<at>x</at>" } }];
        var card = await AskAsync(activity);
        Assert.Equal($"問：{Question}", Texts(card)[0]);
    }

    private static Entity MentionOf(string id) => new("mention")
    {
        Properties = new JObject
        {
            ["mentioned"] = new JObject { ["id"] = id, ["name"] = "HkInnoBot" },
            ["text"] = "<at>HkInnoBot</at>",
        },
    };

    [Fact]
    public async Task Reads_a_messageBack_value_sent_as_a_json_string()
    {
        var value = Clicked(ButtonValue.MoreResults(Question, 1)).ToString();
        var card = await AskAsync(ButtonClick(value));
        Assert.StartsWith($"「{Question}」", Texts(card)[0]);
    }

    [Fact]
    public async Task A_messageBack_with_text_and_a_foreign_value_answers_the_text()
    {
        var activity = Message(Question);
        activity.Value = new JObject { ["somethingElse"] = 1 };
        var card = await AskAsync(activity);
        Assert.Equal($"問：{Question}", Texts(card)[0]);
    }

    // Bad input

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("\u0000\u0007")]
    public async Task An_empty_message_asks_for_a_question(string? text)
    {
        Assert.Equal(AnswerCards.EmptyQuestion(Script.Traditional).Text, ReplyText(await SendAsync(Bot(), Message(text))));
    }

    [Fact]
    public async Task A_huge_message_is_cut_and_the_user_is_told()
    {
        var huge = Question + new string('創', 40_000) + "😀";

        var replies = await SendAsync(Bot(), Message(huge));

        Assert.Equal(2, replies.Count);
        Assert.Equal(AnswerCards.QuestionShortened(Script.Traditional, QueryText.MaxLength).Text, ((IMessageActivity)replies[0]).Text);
        var echoedQuestion = Texts(Card(replies[1]))[0];
        Assert.Equal("問：".Length + QueryText.MaxLength, echoedQuestion.Length);
    }

    [Fact]
    public async Task Control_characters_are_removed_from_the_question()
    {
        var card = await AskAsync(Message("\u0000數碼港\u001b有多少間初創企業？\u0007"));
        Assert.Equal("問：數碼港 有多少間初創企業？", Texts(card)[0]);
        Assert.Contains(Texts(card), text => text.StartsWith("資料來源："));
    }

    public static TheoryData<object> UnreadableButtonValues() => new()
    {
        new JObject(),
        new JObject { ["action"] = "more", ["q"] = Question },
        new JObject { ["action"] = "more", ["q"] = Question, ["offset"] = -1 },
        new JObject { ["action"] = "more", ["q"] = Question, ["offset"] = "abc" },
        new JObject { ["action"] = "more", ["q"] = Question, ["offset"] = 1_000_000 },
        new JObject { ["action"] = "more", ["q"] = Question, ["offset"] = 1.5 },
        JObject.Parse("""{"action":"more","q":"x","offset":99999999999999999999}"""),
        new JObject { ["action"] = "vote", ["q"] = Question, ["id"] = "x#1" },
        new JObject { ["action"] = "passage", ["q"] = Question },
        new JObject { ["action"] = "passage", ["q"] = Question, ["id"] = new JArray() },
        new JObject { ["action"] = "launch", ["q"] = Question },
        new JObject { ["action"] = "ask", ["q"] = 5 },
        new JObject { ["action"] = "ask", ["q"] = "  " },
        new JObject { ["action"] = new JObject(), ["q"] = Question },
        "not json",
        "{broken",
        "[1,2,3]",
    };

    [Theory]
    [MemberData(nameof(UnreadableButtonValues))]
    public async Task A_button_value_with_missing_or_garbage_fields_gets_a_clear_reply(object value)
    {
        Assert.Equal(AnswerCards.UnreadableButton().Text, ReplyText(await SendAsync(Bot(), ButtonClick(value))));
    }

    [Fact]
    public async Task A_passage_button_for_an_unknown_passage_says_it_is_gone()
    {
        var value = Clicked(ButtonValue.ShowPassage(Question, "no-such-document#999"));
        Assert.Equal(AnswerCards.PassageNotFound(Script.Traditional).Text, ReplyText(await SendAsync(Bot(), ButtonClick(value))));
    }

    [Fact]
    public async Task A_vote_on_a_passage_that_does_not_exist_is_not_recorded()
    {
        var log = new FeedbackSettings { Path = fixture.FeedbackPath };
        var before = FeedbackLog.Read(log).Count();

        var reply = ReplyText(await SendAsync(Bot(), ButtonClick(Clicked(ButtonValue.VoteOn(Question, "forged#" + new string('x', 5000), helpful: false)))));

        Assert.Equal(AnswerCards.PassageNotFound(Script.Traditional).Text, reply);
        Assert.Equal(before, FeedbackLog.Read(log).Count());
    }

    [Fact]
    public async Task In_a_Simplified_conversation_example_buttons_ask_in_Simplified()
    {
        var card = await AskAsync(Message("书簿津贴申请什么时候截止？"));
        var example = Buttons(card).Select(button => button["data"]!).First(data => (string?)data["action"] == ButtonValue.Ask);
        Assert.Equal(ChineseText.ToSimplified(AnswerCards.ExampleQuestions[0]), (string?)example["q"]);

        var answer = await AskAsync(ButtonClick(example));
        Assert.Contains(Texts(answer), text => text.StartsWith("资料来源："));
    }

    // Without an index

    [Fact]
    public async Task Without_an_index_every_question_says_search_is_unavailable()
    {
        using var noIndex = Answerer.Open(new SearchSettings { IndexPath = Path.Combine(fixture.IndexPath, "none"), CorpusPath = Path.Combine(fixture.IndexPath, "none") }, NullLogger.Instance);
        var bot = Bot(answerer: noIndex);
        var unavailable = AnswerCards.SearchUnavailable(Script.Traditional).Text;

        Assert.Equal(unavailable, ReplyText(await SendAsync(bot, Message(Question))));
        Assert.Equal(unavailable, ReplyText(await SendAsync(bot, ButtonClick(Clicked(ButtonValue.MoreResults(Question, 1))))));
        Assert.Equal(unavailable, ReplyText(await SendAsync(bot, ButtonClick(Clicked(ButtonValue.ShowPassage(Question, "x#1"))))));
        Assert.Equal("我可以做甚麼？", Texts(Card(Assert.Single(await SendAsync(bot, Message("help")))))[0]);
    }
}
