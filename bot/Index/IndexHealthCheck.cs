using HkInnoBot.Search.Answers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HkInnoBot.Bot.Index;

/// <summary>GET /healthz: healthy while an index serves, with what it is and the corpus files it left out; degraded
/// while an earlier index serves because the last rebuild failed; unhealthy while none can.</summary>
public sealed class IndexHealthCheck(Answerer answerer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = answerer.BuildFailure;
        if (answerer.Describe() is not var (commit, passages))
            return Task.FromResult(HealthCheckResult.Unhealthy("No index can serve: questions are answered that search is unavailable",
                data: failure is null ? null : new Dictionary<string, object> { ["buildFailure"] = failure }));
        var data = new Dictionary<string, object>
        {
            ["generation"] = commit.Generation,
            ["documents"] = commit.Documents,
            ["passages"] = passages,
            ["built"] = commit.Built,
            ["skipped"] = commit.Skipped,
        };
        if (failure is null)
            return Task.FromResult(HealthCheckResult.Healthy("An index serves", data));
        data["buildFailure"] = failure;
        return Task.FromResult(HealthCheckResult.Degraded("The last rebuild failed, so the previous index serves", data: data));
    }

    /// <summary>The report as JSON: <c>{"status":"Healthy","index":{"description":…,"generation":…,…}}</c>.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            index = report.Entries.Values.Select(entry => new Dictionary<string, object>(entry.Data) { ["description"] = entry.Description ?? "" }).FirstOrDefault(),
        });
}
