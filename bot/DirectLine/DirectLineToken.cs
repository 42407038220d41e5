using System.Text.Json.Serialization;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// A conversation token in Direct Line's own shape, as Azure's tokens/generate answers and as the built-in Direct Line
/// hands it out. <see cref="Domain"/> is set only by the built-in one: where to find it, relative to the bot's address.
/// </summary>
public sealed record DirectLineToken(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("domain"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Domain = null);
