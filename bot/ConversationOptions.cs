using System.ComponentModel.DataAnnotations;

namespace HkInnoBot.Bot;

/// <summary>
/// How much of each conversation the bot remembers: the last question's topic, so that a follow-up such as
/// 「咁幾時開始？」 is understood. Bound from the "Conversations" section; used by the in-memory store only (a shared
/// <c>IStorage</c> of several instances keeps its own limits).
/// </summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>Conversations remembered at once; beyond this the least recently used are forgotten first. Each costs
    /// about a kilobyte (a question of at most 200 characters and up to three topic words).</summary>
    [Range(1, 1_000_000)]
    public int MaxRemembered { get; set; } = 10_000;

    /// <summary>A conversation silent for this long starts afresh: its next question is read on its own.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromMinutes(20);
}
