using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HkInnoBot.Search.Feedback;
using HkInnoBot.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using static HkInnoBot.Bot.Tests.Activities;

namespace HkInnoBot.Bot.Tests;

/// <summary>What whoever runs the bot sees of it: /metrics, the unanswered log and its review, the turns' traces.</summary>
[Collection(BotCollection.Name)]
public sealed class TelemetryTests(BotHostFixture fixture)
{
    private Dictionary<string, string?> Settings(string feedback) => new()
    {
        ["Search:IndexPath"] = fixture.IndexPath,
        ["Feedback:Path"] = feedback,
    };

    [Fact]
    public async Task Metrics_in_Prometheus_format_count_replies_by_outcome_with_their_confidence_search_time_and_the_index()
    {
        using var server = new BotServer(Settings(Path.Combine(TempFolder.Create("metrics"), "feedback.jsonl")));
        foreach (var question in new[] { "科技券係咩？", "數碼港嘅地址係邊？", "書簿津貼幾時截止？" })
            await server.ExchangeAsync(Json("message", question));

        var metrics = await server.Client.GetStringAsync("/metrics");

        // At least: the other tests' bots in this process answer under the same meter's name.
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
        foreach (var outcome in new[] { "answered", "partial", "declined" })
            Assert.Matches($@"hkinnobot_answers_total\{{[^}}]*outcome=""{outcome}""[^}}]*\}} [1-9]", metrics);
        Assert.Matches(@"hkinnobot_answer_confidence_bucket\{[^}]*le=""0\.5""", metrics);
        Assert.Matches(@"hkinnobot_search_duration_seconds_count\{[^}]*\} ([3-9]|\d\d)", metrics);
        Assert.Matches(@"hkinnobot_index_passages\{[^}]*\} 98", metrics);
        Assert.Matches(@"hkinnobot_index_generation\{[^}]*\} [1-9]", metrics);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("203.0.113.0/24", HttpStatusCode.OK)]
    public async Task With_an_app_id_metrics_are_served_only_to_this_machine_and_the_configured_networks(string? network, HttpStatusCode expected)
    {
        var settings = Settings(Path.Combine(TempFolder.Create("metrics"), "feedback.jsonl"));
        settings["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555";
        settings["MicrosoftAppPassword"] = "secret";
        settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        if (network is not null)
            settings["Telemetry:MetricsNetworks:0"] = network;
        using var server = new BotServer(settings);

        // A proxy on this machine passing on a scrape from 203.0.113.7.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var forwarded = await server.Client.SendAsync(request);
        using var local = await server.Client.GetAsync("/metrics");

        Assert.Equal(expected, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task A_declined_question_is_logged_with_its_outcome_and_channel_and_nothing_of_who_asked()
    {
        var feedback = Path.Combine(TempFolder.Create("unanswered"), "feedback.jsonl");
        using var server = new BotServer(Settings(feedback));
        foreach (var question in new[] { "書簿津貼幾時截止？", "书簿津贴几时截止？", "書簿津貼幾時截止？", "科技券係咩？" })
            await server.ExchangeAsync(Json("message", question));

        var logged = FeedbackLog.ReadUnanswered(new FeedbackSettings { Path = feedback }).ToList();
        Assert.Equal(3, logged.Count);
        Assert.All(logged, entry => Assert.Equal((UnansweredEntry.Declined, "emulator"), (entry.Outcome, entry.Channel)));
        // Neither user nor conversation is recorded.
        Assert.DoesNotContain("user-1", File.ReadAllText(feedback));
        Assert.DoesNotContain("conversation-", File.ReadAllText(feedback));

        // What review --unanswered lists from it (CommandLineTests): the question once, asked three times.
        Assert.Single(logged.GroupBy(entry => HkInnoBot.Search.Analysis.ChineseText.ComparisonKey(entry.Question)));
    }

    [Fact]
    public void What_users_asked_is_read_back_for_no_longer_than_the_retention_period()
    {
        var settings = new FeedbackSettings { Path = Path.Combine(TempFolder.Create("retention"), "feedback.jsonl"), Retention = TimeSpan.FromDays(30) };
        var log = new FeedbackLog(settings);
        log.Append(new UnansweredEntry(DateTimeOffset.UtcNow.AddDays(-31), "舊問題", UnansweredEntry.Declined, "msteams"));
        log.Append(new UnansweredEntry(DateTimeOffset.UtcNow.AddDays(-1), "新問題", UnansweredEntry.Partial, "directline"));
        log.Append(new FeedbackEntry(DateTimeOffset.UtcNow, "科技券係咩？", "doc#1", Helpful: true));

        Assert.Equal(["新問題"], FeedbackLog.ReadUnanswered(settings).Select(entry => entry.Question));
        Assert.Single(FeedbackLog.Read(settings));
    }

    [Fact]
    public async Task With_an_OTLP_collector_configured_each_turn_is_a_span_sent_to_it()
    {
        var received = new ConcurrentBag<string>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", (string signal) =>
        {
            received.Add(signal);
            return Results.Ok();
        });
        await collector.StartAsync();
        var address = collector.Urls.Single();

        var settings = Settings(Path.Combine(TempFolder.Create("otlp"), "feedback.jsonl"));
        settings["Telemetry:OtlpEndpoint"] = address + "/";
        settings["Telemetry:OtlpProtocol"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "100";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
        using var server = new BotServer(settings);
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.BotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await server.ExchangeAsync(Json("message", "科技券係咩？"));

        var turn = Assert.Single(spans, span => span.OperationName == "turn" && (string?)span.GetTagItem("hkinnobot.outcome") == "answered");
        Assert.Equal("emulator", turn.GetTagItem("hkinnobot.channel"));
        for (var waited = 0; waited < 100 && !(received.Contains("traces") && received.Contains("metrics")); waited++)
            await Task.Delay(100);
        Assert.Contains("traces", received);
        Assert.Contains("metrics", received);
    }
}
