using Microsoft.Bot.Schema;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// One built-in Direct Line conversation: the activities a client can read, as a sliding window. The watermark is the
/// number of activities ever appended, so it keeps meaning the same thing after old activities are dropped.
/// </summary>
public sealed class Conversation(string id, int maxActivities, DateTimeOffset now)
{
    private readonly Queue<Activity> _window = new();
    private long _appended;
    private long _lastTouchedTicks = now.UtcTicks;
    private int _started;

    public string Id { get; } = id;

    /// <summary>Chosen by the server, so one client cannot speak as another.</summary>
    public ChannelAccount User { get; } = new($"dl_{id}", "你", RoleTypes.User);

    public DateTimeOffset LastTouched => new(Interlocked.Read(ref _lastTouchedTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastTouchedTicks, now.UtcTicks);

    /// <summary>True exactly once, so the welcome is delivered once even if the client starts the conversation again.</summary>
    public bool MarkStarted() => Interlocked.Exchange(ref _started, 1) == 0;

    /// <summary>Gives the activity its id (conversation|sequence) and makes it readable.</summary>
    public void Append(Activity activity)
    {
        lock (_window)
        {
            activity.Id = $"{Id}|{_appended:D7}";
            _appended++;
            _window.Enqueue(activity);
            if (_window.Count > maxActivities)
                _window.Dequeue();
        }
    }

    /// <summary>The activities from <paramref name="watermark"/> on that are still kept, and the next watermark.</summary>
    public (IReadOnlyList<Activity> Activities, long Watermark) ReadFrom(long watermark)
    {
        lock (_window)
        {
            var firstKept = _appended - _window.Count;
            var skip = (int)Math.Clamp(watermark - firstKept, 0, _window.Count);
            return (_window.Skip(skip).ToList(), _appended);
        }
    }
}
