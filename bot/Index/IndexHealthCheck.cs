using HkInnoBot.Search.Answers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HkInnoBot.Bot.Index;

/// <summary>GET /healthz: healthy while an index serves, with what it is; unhealthy while none can.</summary>
public sealed class IndexHealthCheck(Answerer answerer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(answerer.Describe() is var (commit, passages)
            ? HealthCheckResult.Healthy("An index serves", new Dictionary<string, object>
            {
                ["generation"] = commit.Generation,
                ["documents"] = commit.Documents,
                ["passages"] = passages,
                ["built"] = commit.Built,
            })
            : HealthCheckResult.Unhealthy("No index can serve: questions are answered that search is unavailable"));

    /// <summary>The report as JSON: <c>{"status":"Healthy","index":{"description":…,"generation":…,…}}</c>.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            index = report.Entries.Values.Select(entry => new Dictionary<string, object>(entry.Data) { ["description"] = entry.Description ?? "" }).FirstOrDefault(),
        });
}
