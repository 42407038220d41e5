using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace HkInnoBot.Bot.Cards;

/// <summary>
/// What a card button sends back as the activity's value. It carries everything the next turn needs (the question,
/// a passage id, a result offset), so a click needs no conversation state and any instance can serve it.
/// </summary>
public sealed record ButtonValue(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("q")] string Query,
    [property: JsonPropertyName("id")] string? PassageId = null,
    [property: JsonPropertyName("offset")] int? Offset = null,
    [property: JsonPropertyName("helpful")] bool? Helpful = null)
{
    /// <summary>Ask <see cref="Query"/> as if the user had typed it.</summary>
    public const string Ask = "ask";
    /// <summary>Show passage <see cref="PassageId"/> for <see cref="Query"/>.</summary>
    public const string Passage = "passage";
    /// <summary>Show the results of <see cref="Query"/> from <see cref="Offset"/> on (always set for this action).</summary>
    public const string More = "more";
    /// <summary>Record a 👍 (<see cref="Helpful"/>, always set for this action) or 👎 on passage <see cref="PassageId"/>
    /// as the answer to <see cref="Query"/>.</summary>
    public const string Vote = "vote";

    /// <summary>Far enough for any real paging; larger offsets come only from tampered values.</summary>
    private const int MaxOffset = 1000;

    public static ButtonValue AskQuestion(string query) => new(Ask, query);
    public static ButtonValue ShowPassage(string query, string passageId) => new(Passage, query, passageId);
    public static ButtonValue MoreResults(string query, int offset) => new(More, query, Offset: offset);
    public static ButtonValue VoteOn(string query, string passageId, bool helpful) => new(Vote, query, passageId, Helpful: helpful);

    /// <summary>
    /// Reads a button value: the data object of an Adaptive Card Action.Submit (Teams, Web Chat, Emulator), or the same
    /// object serialised as a string (Teams messageBack values may arrive that way). Anything else, including values
    /// with missing or out-of-range fields, is not a button of this bot.
    /// </summary>
    public static bool TryParse(object? value, [NotNullWhen(true)] out ButtonValue? button)
    {
        button = AsObject(value) is { } json ? FromJson(json) : null;
        return button is not null;
    }

    private static JObject? AsObject(object? value)
    {
        switch (value)
        {
            case JObject json:
                return json;
            case string text when text.TrimStart().StartsWith('{'):
                try
                {
                    return JObject.Parse(text);
                }
                catch (JsonException)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    private static ButtonValue? FromJson(JObject json)
    {
        if (json["q"] is not JValue { Type: JTokenType.String } q || string.IsNullOrWhiteSpace((string?)q))
            return null;
        var query = (string)q!;
        return (string?)(json["action"] as JValue) switch
        {
            Ask => AskQuestion(query),
            Passage when json["id"] is JValue { Type: JTokenType.String } id && !string.IsNullOrWhiteSpace((string?)id)
                => ShowPassage(query, (string)id!),
            Vote when json["id"] is JValue { Type: JTokenType.String } id && !string.IsNullOrWhiteSpace((string?)id)
                      && json["helpful"] is JValue { Type: JTokenType.Boolean } helpful
                => VoteOn(query, (string)id!, (bool)helpful),
            // An integer too large for a long arrives as a BigInteger, so the value's type is checked, not cast.
            More when json["offset"] is JValue { Type: JTokenType.Integer, Value: long offset } && offset is >= 1 and <= MaxOffset
                => MoreResults(query, (int)offset),
            _ => null,
        };
    }
}
