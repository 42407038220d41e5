using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// One built-in Direct Line conversation: the activities a client can read, as a sliding window. The watermark is the
/// number of activities ever appended, so it keeps meaning the same thing after old activities are dropped.
/// Activities are kept as the JSON a poll returns: written once, read by every poll, and their memory counted exactly
/// (<see cref="StoredBytes"/>), which the store's byte budget is kept in.
/// </summary>
public sealed class Conversation(string id, int maxActivities, DateTimeOffset now)
{
    /// <summary>Activities are Bot Framework schema types, whose JSON names come from Newtonsoft attributes; the same
    /// settings read what clients post.</summary>
    internal static readonly JsonSerializerSettings ActivityJson = new() { NullValueHandling = NullValueHandling.Ignore, MaxDepth = 32 };

    private readonly Queue<string> _window = new();
    private long _appended;
    private long _storedBytes;
    private bool _forgotten;
    private long _lastTouchedTicks = now.UtcTicks;
    private int _started;

    public string Id { get; } = id;

    /// <summary>Chosen by the server, so one client cannot speak as another.</summary>
    public ChannelAccount User { get; } = new($"dl_{id}", "你", RoleTypes.User);

    public DateTimeOffset LastTouched => new(Interlocked.Read(ref _lastTouchedTicks), TimeSpan.Zero);

    /// <summary>The memory its kept activities take: two bytes a character, and a string's own overhead.</summary>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastTouchedTicks, now.UtcTicks);

    /// <summary>True exactly once, so the welcome is delivered once even if the client starts the conversation again.</summary>
    public bool MarkStarted() => Interlocked.Exchange(ref _started, 1) == 0;

    /// <summary>Gives the activity its id (conversation|sequence) and makes it readable. Returns how much more memory
    /// the conversation now keeps (less when older activities left the window); nothing once it is forgotten.</summary>
    public long Append(Activity activity)
    {
        lock (_window)
        {
            if (_forgotten)
                return 0;
            activity.Id = $"{Id}|{_appended:D7}";
            _appended++;
            var json = JsonConvert.SerializeObject(activity, ActivityJson);
            _window.Enqueue(json);
            var added = SizeOf(json);
            while (_window.Count > maxActivities)
                added -= SizeOf(_window.Dequeue());
            Interlocked.Add(ref _storedBytes, added);
            return added;
        }
    }

    /// <summary>Marks it forgotten (a turn still running appends nothing more) and returns the memory it kept.</summary>
    public long Forget()
    {
        lock (_window)
        {
            _forgotten = true;
            return StoredBytes;
        }
    }

    /// <summary>The activities (JSON) from <paramref name="watermark"/> on that are still kept, and the next watermark.</summary>
    public (IReadOnlyList<string> Activities, long Watermark) ReadFrom(long watermark)
    {
        lock (_window)
        {
            var firstKept = _appended - _window.Count;
            var skip = (int)Math.Clamp(watermark - firstKept, 0, _window.Count);
            return (_window.Skip(skip).ToList(), _appended);
        }
    }

    private static long SizeOf(string json) => 2L * json.Length + 32;
}
