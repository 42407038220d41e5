using System.Collections.Concurrent;

namespace HkInnoBot.Search;

/// <summary>
/// Values that never change once computed (a term's postings, a word's frequency), kept for every thread, up to a
/// number of entries: what users type has no bound. Counted beside the dictionary, whose own Count takes all its locks,
/// which every miss of a full cache would otherwise wait for.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> entries = new(comparer);
    private int count;

    public bool TryGetValue(TKey key, out TValue value) => entries.TryGetValue(key, out value!);

    /// <summary>Lookups by another form of the key (a span of characters for a string), with no key made.</summary>
    public ConcurrentDictionary<TKey, TValue>.AlternateLookup<TAlternate> AlternateLookup<TAlternate>() where TAlternate : notnull, allows ref struct =>
        entries.GetAlternateLookup<TAlternate>();

    /// <summary>Keeps the value unless the cache is full; returns it either way.</summary>
    public TValue Add(TKey key, TValue value)
    {
        if (Volatile.Read(ref count) < capacity && entries.TryAdd(key, value))
            Interlocked.Increment(ref count);
        return value;
    }
}
