using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;
using HkInnoBot.Bot.Cards;
using Newtonsoft.Json.Linq;
using static HkInnoBot.Bot.Tests.Activities;

namespace HkInnoBot.Bot.Tests;

/// <summary>
/// Generated malformed activities — every shape the schema's JSON allows and some it does not: null entries in lists,
/// missing or mistyped accounts, odd types and values — sent to the real app on 127.0.0.1. None may fail the turn (the
/// adapter's error handler apologises), answer with a 5xx, or take long.
/// </summary>
[Collection(BotCollection.Name)]
public sealed class HostileInputTests(BotHostFixture fixture, ITestOutputHelper output)
{
    private static readonly string TurnFailed = AnswerCards.TurnFailed().Text;

    // Values any field may take instead of its own.
    private static readonly Gen<JToken?> Hostile = Gen.OneOf<JToken?>(
        JValue.CreateNull(), new JValue(0), new JValue(-1), new JValue(1e308), new JValue(true), new JValue(""), new JValue("x"),
        new JValue("\u0000\u0007\u202e"), new JValue("😀🏳️‍🌈"), new JValue(new string('科', 5000)), new JValue("{\"action\":\"more\"}"),
        new JArray(), new JArray(JValue.CreateNull()), new JArray(new JObject()), new JArray(1, "a"), new JObject(),
        new JObject { ["id"] = null }, new JObject { ["id"] = 5 }, new JObject { ["id"] = BotId, ["name"] = new JArray() },
        // The names and values of the votes channels send back, in shapes they should not have.
        new JValue("message/submitAction"), new JValue("webchat:activity-status/feedback"),
        new JObject { ["actionName"] = "feedback", ["actionValue"] = "like" },
        new JObject { ["actionName"] = "feedback", ["actionValue"] = new JObject { ["reaction"] = new JArray() } });

    // Shapes of the lists the bot reads.
    private static readonly Gen<JToken?> Entities = Gen.OneOf<JToken?>(
        new JArray(JValue.CreateNull()),
        new JArray(new JObject { ["type"] = "mention" }),
        new JArray(new JObject { ["type"] = "mention", ["mentioned"] = null, ["text"] = null }),
        new JArray(new JObject { ["type"] = "mention", ["mentioned"] = new JObject { ["id"] = BotId }, ["text"] = 5 }),
        new JArray(new JObject { ["type"] = "mention", ["mentioned"] = new JObject { ["id"] = null }, ["text"] = "<at>Bot</at>" }),
        new JArray(new JObject { ["type"] = null }, "text", 3),
        new JArray(new JObject { ["@id"] = 5 }), new JArray(new JObject { ["@id"] = """{"action":"vote","q":"x"}""" }),
        new JArray(new JObject { ["@id"] = """{"action":"vote","q":"科技券","id":"nope","helpful":true}""", ["actionOption"] = "upvote" }));

    private static readonly Gen<JToken?> Members = Gen.OneOf<JToken?>(
        new JArray(JValue.CreateNull()), new JArray(new JObject()), new JArray(new JObject { ["id"] = null }),
        new JArray(JValue.CreateNull(), new JObject { ["id"] = "user-1" }), new JArray("user-1"));

    private static readonly string[] Types =
        ["message", "conversationUpdate", "messageReaction", "event", "invoke", "typing", "installationUpdate",
         "endOfConversation", "messageUpdate", "messageDelete", "", "unknownType"];

    private static readonly string[] Fields =
        ["text", "value", "entities", "membersAdded", "membersRemoved", "attachments", "from", "recipient", "conversation",
         "channelData", "locale", "textFormat", "replyToId", "name", "reactionsAdded", "suggestedActions", "timestamp",
         "channelId", "serviceUrl", "id", "speak", "summary", "importance", "label", "valueType"];

    private static readonly Gen<JObject> Activity =
        from type in Gen.OneOf(Types)
        from text in Gen.OneOf("科技券係咩？", "佢支援幾多間公司？", "help", "", "<at>HkInnoBot</at> 數碼港", "😀")
        from changes in Gen.Select(Gen.OneOf(Fields), Gen.Frequency((2, Hostile), (2, Entities), (2, Members)), Gen.Bool).Array[1, 3]
        from conversation in Gen.OneOf("hostile-a", "hostile-b", "hostile-c")
        select Build(type, text, changes, conversation);

    private static JObject Build(string type, string text, (string Field, JToken? Value, bool Remove)[] changes, string conversation)
    {
        var activity = Json(type, text, conversation);
        activity["deliveryMode"] = "expectReplies";
        foreach (var (field, value, remove) in changes)
        {
            // The reply path needs somewhere to reply to; the bot never calls it, the adapter does (expectReplies keeps
            // replies in the response), so only fields the adapter reads before the turn stay valid.
            if (field is "serviceUrl" or "channelId" && value is not JValue { Type: JTokenType.String })
                continue;
            if (remove)
                activity.Remove(field);
            else
                activity[field] = value?.DeepClone();
        }
        return activity;
    }

    [Fact]
    public void Every_generated_activity_gets_a_reply_without_a_turn_error_or_a_server_error()
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        Activity.Sample(activity =>
        {
            var timer = Stopwatch.StartNew();
            using var response = fixture.AnonymousServer.PostAsync(activity).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}");
            Assert.DoesNotContain(TurnFailed, body);
            Assert.InRange(timer.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }, iter: 1500, print: activity => activity.ToString(Newtonsoft.Json.Formatting.None));

        output.WriteLine(string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Value} × {pair.Key}")));
        // Most reach the turn: a test of requests the adapter refuses before any turn would prove nothing about turns.
        Assert.True(statuses.GetValueOrDefault(200) >= 600, "too few activities reached a turn");
    }
}
