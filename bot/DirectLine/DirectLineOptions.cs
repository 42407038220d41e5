using System.ComponentModel.DataAnnotations;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// Settings of the "DirectLine" configuration section: how the web chat page reaches the bot.
/// Without <see cref="Secret"/> the bot serves its own in-memory Direct Line 3.0 endpoint (no Azure needed);
/// with it, the page gets short-lived tokens from Azure Bot Service's Direct Line instead.
/// </summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>The Azure Bot Service Direct Line secret. It stays on the server: the page only ever sees tokens.</summary>
    public string? Secret { get; set; }

    /// <summary>Azure's Direct Line base address; regional deployments use their own host.</summary>
    [Required]
    public Uri AzureEndpoint { get; set; } = new("https://directline.botframework.com/v3/directline/");

    /// <summary>Origins of other sites that may embed the chat with a script tag (pages served by the bot need none).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 1000;

    /// <summary>
    /// The memory all conversations' activities may take together, counted on what is kept (two bytes a character):
    /// beyond it the least recently used conversations are forgotten. Without it, 1000 conversations of 100 activities
    /// of 8 KB could hold 1.6 GB.
    /// </summary>
    [Range(1_048_576, 4_294_967_296)]
    public long MaxStoredBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Direct Line requests served at once, over all clients; more wait in a queue of four times as many, and
    /// beyond that get 429. Keeps a flood from many addresses from taking every thread from the answers.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Older activities beyond this are dropped; watermarks keep counting, so paging stays correct.</summary>
    [Range(1, 10_000)]
    public int MaxActivitiesPerConversation { get; set; } = 100;

    /// <summary>A conversation nobody has touched (not even polled) for this long is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Web Chat refreshes its token every 15 minutes, so this must be comfortably longer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The longest message a client may post, in characters whatever the script (a Chinese character is three bytes in
    /// UTF-8, a Latin letter one). The bot searches by a message's first <see cref="Search.Analysis.QueryText.MaxLength"/>
    /// characters and says so; this bounds only what the transport carries and keeps.
    /// </summary>
    [Range(Search.Analysis.QueryText.MaxLength, 100_000)]
    public int MaxMessageCharacters { get; set; } = 10_000;

    /// <summary>The request body a message of <see cref="MaxMessageCharacters"/> needs at most: three bytes a character,
    /// and room for the rest of the activity.</summary>
    public int MaxActivityBytes => MaxMessageCharacters * 3 + 8 * 1024;

    /// <summary>Per client IP. Web Chat polls about once a second, so one open chat uses about 60.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerClient { get; set; } = 300;

    /// <summary>Per client IP, for new conversations (tokens); each one costs memory until it goes idle.</summary>
    [Range(1, 1_000_000)]
    public int ConversationsPerMinutePerClient { get; set; } = 10;

    public bool UsesAzure => !string.IsNullOrWhiteSpace(Secret);
}
