using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// The built-in Direct Line's conversations, in memory and bounded: idle ones are forgotten, and when the store is
/// full the least recently used one makes room, so no amount of traffic grows it past its limit.
/// </summary>
public sealed class ConversationStore(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<ConversationStore> logger)
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new();
    private readonly Lock _admission = new();

    public Conversation Create()
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var conversation = new Conversation(
            WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12)), settings.MaxActivitiesPerConversation, now);
        lock (_admission)
        {
            if (_conversations.Count >= settings.MaxConversations)
                ForgetIdle(now);
            while (_conversations.Count >= settings.MaxConversations)
                ForgetLeastRecentlyUsed();
            _conversations[conversation.Id] = conversation;
        }
        return conversation;
    }

    /// <summary>The live conversation with that id, marked as used now; an idle one is forgotten on the way.</summary>
    public Conversation? Find(string id)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
            return null;
        var now = clock.GetUtcNow();
        if (IsIdle(conversation, now))
        {
            _conversations.TryRemove(id, out _);
            return null;
        }
        conversation.Touch(now);
        return conversation;
    }

    private bool IsIdle(Conversation conversation, DateTimeOffset now) =>
        now - conversation.LastTouched >= options.Value.IdleTimeout;

    private void ForgetIdle(DateTimeOffset now)
    {
        foreach (var conversation in _conversations.Values.Where(c => IsIdle(c, now)))
            _conversations.TryRemove(conversation.Id, out _);
    }

    private void ForgetLeastRecentlyUsed()
    {
        var oldest = _conversations.Values.MinBy(c => c.LastTouched);
        if (oldest is not null && _conversations.TryRemove(oldest.Id, out _))
            logger.LogDebug("Direct Line store full: forgot least recently used conversation {ConversationId}", oldest.Id);
    }
}
