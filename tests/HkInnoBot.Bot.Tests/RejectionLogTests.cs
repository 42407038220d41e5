using Microsoft.Extensions.Logging;

namespace HkInnoBot.Bot.Tests;

/// <summary>Rejected requests are logged once per cause and then summarised, never a line (or a stack trace) each.</summary>
public sealed class RejectionLogTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Lines : ILogger<RejectionLog>
    {
        public List<(LogLevel Level, string Text, Exception? Exception)> Written { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add((logLevel, formatter(state, exception), exception));
    }

    [Fact]
    public void A_flood_of_one_cause_writes_one_warning_then_one_summary_a_minute()
    {
        var (lines, clock) = (new Lines(), new Clock());
        var log = new RejectionLog(lines, clock);

        for (var i = 0; i < 1000; i++)
            log.Rejected(401, "No Authorization header");
        log.Rejected(403, "without an app id only local clients are served");
        clock.Now += RejectionLog.Interval;
        log.Rejected(401, "No Authorization header");

        Assert.Equal(3, lines.Written.Count);
        Assert.All(lines.Written, line => Assert.Equal(LogLevel.Warning, line.Level));
        Assert.All(lines.Written, line => Assert.Null(line.Exception));
        Assert.Equal("Rejected a request with 401: No Authorization header", lines.Written[0].Text);
        Assert.Contains("(999 more like it", lines.Written[2].Text); // the 999 after the first line
    }

    [Fact]
    public void The_adapters_authentication_errors_become_rejections_and_other_errors_stay_errors()
    {
        var (rejections, adapter) = (new Lines(), new Lines());
        var logger = new AdapterLogger(adapter, new RejectionLog(rejections, new Clock()));

        logger.LogError(new UnauthorizedAccessException("No valid identity"), "An exception occurred");
        // As CloudAdapter writes it: the exception, stack trace and all, as the message.
        logger.LogError(new UnauthorizedAccessException("No Authorization header").ToString() + "\n   at Microsoft.Bot.Builder.CloudAdapter");
        logger.LogError(new InvalidOperationException("boom"), "An exception occurred");

        Assert.Equal(["Rejected a request with 401: No valid identity", "Rejected a request with 401: No Authorization header"],
            rejections.Written.Select(line => line.Text));
        Assert.IsType<InvalidOperationException>(Assert.Single(adapter.Written).Exception);
    }
}
