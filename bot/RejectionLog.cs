using System.Collections.Concurrent;

namespace HkInnoBot.Bot;

/// <summary>
/// Requests the bot turns away (a missing or forged token, a caller that is not local, an unreadable activity), logged
/// at warning level without a stack trace: the first of each cause at once, then at most one line a minute per cause
/// saying how many more there were. A flood of bad requests costs a few log lines, not one each.
/// </summary>
public sealed class RejectionLog(ILogger<RejectionLog> logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Causes are exception messages, so a caller cannot make many; beyond this they share one line.
    private const int MaxCauses = 100;

    private readonly ConcurrentDictionary<string, Cause> _causes = new();

    private sealed class Cause
    {
        public DateTimeOffset NextLine;
        public int Since;
    }

    public void Rejected(int status, string cause)
    {
        if (_causes.Count >= MaxCauses && !_causes.ContainsKey(cause))
            cause = "other causes";
        var entry = _causes.GetOrAdd(cause, _ => new Cause());
        int repeated;
        lock (entry)
        {
            entry.Since++;
            var now = time.GetUtcNow();
            if (now < entry.NextLine)
                return;
            (repeated, entry.Since, entry.NextLine) = (entry.Since - 1, 0, now + Interval);
        }
        if (repeated == 0)
            logger.LogWarning("Rejected a request with {Status}: {Cause}", status, cause);
        else
            logger.LogWarning("Rejected a request with {Status}: {Cause} ({Repeated} more like it in the last {Interval})",
                status, cause, repeated, Interval);
    }
}

/// <summary>
/// The adapter's logger. The SDK's CloudAdapter logs every request it cannot authenticate as an error, the exception
/// written out with its stack trace as the message; those go to the <see cref="RejectionLog"/> instead, and everything
/// else as it was.
/// </summary>
public sealed class AdapterLogger(ILogger inner, RejectionLog rejections) : ILogger
{
    private const string Unauthorized = "System.UnauthorizedAccessException: ";

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error || inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is UnauthorizedAccessException)
            rejections.Rejected(StatusCodes.Status401Unauthorized, exception.Message);
        else if (logLevel >= LogLevel.Error && formatter(state, exception) is var message && message.StartsWith(Unauthorized, StringComparison.Ordinal))
            rejections.Rejected(StatusCodes.Status401Unauthorized, message[Unauthorized.Length..].Split('\n')[0].Trim());
        else
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
