using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// The built-in Direct Line's conversations, in memory and bounded three ways: at most
/// <see cref="DirectLineOptions.MaxConversations"/>, their activities together within
/// <see cref="DirectLineOptions.MaxStoredBytes"/>, and idle ones forgotten on a timer. When full, idle conversations go
/// first, then the least recently used, so no amount of traffic grows the store past its limits.
/// </summary>
public sealed class ConversationStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new();
    private readonly Lock _admission = new();
    private readonly DirectLineOptions _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<ConversationStore> _logger;
    private readonly ITimer _sweeper;
    private long _storedBytes;

    public ConversationStore(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<ConversationStore> logger)
    {
        (_settings, _clock, _logger) = (options.Value, clock, logger);
        // Often enough that an idle conversation lives at most a quarter longer than its time-out.
        var sweep = TimeSpan.FromTicks(Math.Clamp(_settings.IdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        _sweeper = clock.CreateTimer(_ => ForgetIdle(), null, sweep, sweep);
    }

    /// <summary>The memory the kept activities take, in bytes.</summary>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    public int Count => _conversations.Count;

    public Conversation Create()
    {
        var conversation = new Conversation(
            WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12)), _settings.MaxActivitiesPerConversation, _clock.GetUtcNow());
        lock (_admission)
        {
            if (_conversations.Count >= _settings.MaxConversations)
                ForgetIdle();
            while (_conversations.Count >= _settings.MaxConversations && ForgetLeastRecentlyUsed(except: null))
            {
            }
            _conversations[conversation.Id] = conversation;
        }
        return conversation;
    }

    /// <summary>The live conversation with that id, marked as used now; an idle one is forgotten on the way.</summary>
    public Conversation? Find(string id)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
            return null;
        var now = _clock.GetUtcNow();
        if (IsIdle(conversation, now))
        {
            Forget(conversation);
            return null;
        }
        conversation.Touch(now);
        return conversation;
    }

    /// <summary>Adds an activity to a conversation, then makes room in the byte budget from other conversations.</summary>
    public void Append(Conversation conversation, Activity activity)
    {
        if (Interlocked.Add(ref _storedBytes, conversation.Append(activity)) <= _settings.MaxStoredBytes)
            return;
        lock (_admission)
        {
            ForgetIdle();
            while (StoredBytes > _settings.MaxStoredBytes && ForgetLeastRecentlyUsed(except: conversation))
            {
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private bool IsIdle(Conversation conversation, DateTimeOffset now) => now - conversation.LastTouched >= _settings.IdleTimeout;

    private void ForgetIdle()
    {
        var now = _clock.GetUtcNow();
        foreach (var conversation in _conversations.Values.Where(c => IsIdle(c, now)))
            Forget(conversation);
    }

    private bool ForgetLeastRecentlyUsed(Conversation? except)
    {
        var oldest = _conversations.Values.Where(c => c != except).MinBy(c => c.LastTouched);
        if (oldest is null)
            return false;
        Forget(oldest);
        _logger.LogDebug("Direct Line store full: forgot least recently used conversation {ConversationId}", oldest.Id);
        return true;
    }

    private void Forget(Conversation conversation)
    {
        if (_conversations.TryRemove(new KeyValuePair<string, Conversation>(conversation.Id, conversation)))
            Interlocked.Add(ref _storedBytes, -conversation.Forget());
    }
}
