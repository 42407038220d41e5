using Microsoft.Bot.Builder;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.State;

/// <summary>
/// The SDK's <see cref="MemoryStorage"/>, bounded: it never forgets, so a public chat would grow it without end. This one
/// keeps at most <see cref="ConversationOptions.MaxRemembered"/> conversations, each for
/// <see cref="ConversationOptions.IdleLifetime"/> after its last use, in ASP.NET Core's <see cref="MemoryCache"/>. When
/// full, the cache turns the write away and frees a twentieth of its room, least recently used first: that
/// conversation's next question is then read on its own.
/// It holds what <see cref="BotState"/> writes, a dictionary of property values, as a copy of the dictionary and not
/// as JSON (which cost more than the rest of a turn's state handling): so the values must be immutable, as the bot's
/// one value, a <c>FollowUpContext</c> record, is. The last writer wins (no eTags): only a conversation's own turns
/// write its state. Several instances replace this registration with an SDK storage they share (README).
/// </summary>
public sealed class BoundedMemoryStorage(IOptions<ConversationOptions> options) : IStorage, IDisposable
{
    private readonly MemoryCache _items = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxRemembered });

    private readonly MemoryCacheEntryOptions _entry = new() { Size = 1, SlidingExpiration = options.Value.IdleLifetime };

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, object>(keys.Length);
        foreach (var key in keys)
            if (_items.TryGetValue(key, out IDictionary<string, object>? state))
                found[key] = new Dictionary<string, object>(state!);
        return Task.FromResult<IDictionary<string, object>>(found);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        foreach (var (key, item) in changes)
        {
            if (item is not IDictionary<string, object> state)
                throw new NotSupportedException($"{nameof(BoundedMemoryStorage)} holds bot state (property dictionaries) only, not {item?.GetType().Name}.");
            _items.Set<IDictionary<string, object>>(key, new Dictionary<string, object>(state), _entry);
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
            _items.Remove(key);
        return Task.CompletedTask;
    }

    public void Dispose() => _items.Dispose();
}
