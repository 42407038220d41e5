using HkInnoBot.Bot.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HkInnoBot.Bot.Tests;

/// <summary>Activities as channels send them, and readers for the cards the bot sends back.</summary>
public static class Activities
{
    public const string BotId = "bot";

    /// <summary>Wire JSON of an activity from the Emulator (channel "emulator"); its serviceUrl is never called
    /// because the tests ask for the replies in the HTTP response. Each is a conversation of its own unless a
    /// <paramref name="conversationId"/> is given, so no test reads another's follow-up context.</summary>
    public static JObject Json(string type, string? text = null, string? conversationId = null)
    {
        var json = new JObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["conversation"] = new JObject { ["id"] = conversationId ?? $"conversation-{Guid.NewGuid():N}" },
            ["from"] = new JObject { ["id"] = "user-1", ["name"] = "User" },
            ["recipient"] = new JObject { ["id"] = BotId, ["name"] = "HkInnoBot" },
            ["locale"] = "zh-HK",
        };
        if (text is not null)
            json["text"] = text;
        return json;
    }

    public static Activity Message(string? text) => new() { Type = ActivityTypes.Message, Text = text };

    public static Activity ButtonClick(object value) => new() { Type = ActivityTypes.Message, Value = value };

    /// <summary>What a channel sends back as the value when a user clicks a button with this data.</summary>
    public static JObject Clicked(ButtonValue button) =>
        JObject.Parse(System.Text.Json.JsonSerializer.Serialize(button, CardJson.Web.ButtonValue));

    public static JObject Card(IActivity reply)
    {
        var attachment = Assert.Single(((IMessageActivity)reply).Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        // The bot hands cards to the SDK as raw JSON.
        return attachment.Content switch
        {
            JRaw raw => JObject.Parse((string)raw.Value!),
            JObject card => card,
            var other => JObject.FromObject(other),
        };
    }

    public static JObject Card(JObject wireReply)
    {
        var attachment = Assert.Single(wireReply["attachments"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        return (JObject)attachment["content"]!;
    }

    /// <summary>Every TextBlock's text, in order, including those inside containers.</summary>
    public static List<string> Texts(JObject card) =>
        card.Descendants().OfType<JObject>()
            .Where(element => (string?)element["type"] == "TextBlock")
            .Select(element => (string)element["text"]!)
            .ToList();

    /// <summary>Every button of the card: those in its body (the related passages), then its actions.</summary>
    public static List<JObject> Buttons(JObject card) =>
        [.. (card["body"] as JArray ?? []).Descendants().OfType<JObject>().Where(element => (string?)element["type"] == "Action.Submit"),
            .. (card["actions"] as JArray)?.Cast<JObject>() ?? []];

    public static JObject ButtonData(JObject card, string action) =>
        (JObject)Buttons(card).Single(button => (string?)button["data"]!["action"] == action)["data"]!;
}
