using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>Registers everything the web chat's Direct Line needs; the bot's Program.cs calls <see cref="AddDirectLine"/>.</summary>
public static class DirectLineServices
{
    public const string CorsPolicy = "DirectLine";
    public const string RequestsPolicy = "DirectLineRequests";
    public const string NewConversationsPolicy = "DirectLineNewConversations";

    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConversationTokens>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<BotRelay>();
        services.AddHttpClient<AzureTokenClient>(http => http.Timeout = TimeSpan.FromSeconds(10));

        // Pages the bot serves itself are same-origin; only sites that embed the chat by script need listing.
        // Built when first needed, so the origins come from the final configuration like every other option.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(directLine.Value.AllowedOrigins)
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(RequestsPolicy, http => PerClientPerMinute(http, o => o.RequestsPerMinutePerClient));
            // Besides each client's share, all Direct Line work together; the bot's own endpoint is not limited here.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsDirectLine(http.Request.Path)
                ? RateLimitPartition.GetConcurrencyLimiter("directline", _ => AllClients(http))
                : RateLimitPartition.GetNoLimiter("other"));
            limiter.AddPolicy(NewConversationsPolicy, http => PerClientPerMinute(http, o => o.ConversationsPerMinutePerClient));
        });
        return services;
    }

    private static bool IsDirectLine(PathString path) =>
        path.StartsWithSegments("/v3/directline") || path.StartsWithSegments("/api/directline");

    private static ConcurrencyLimiterOptions AllClients(HttpContext http)
    {
        var permits = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.MaxConcurrentRequests;
        return new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 4 * permits };
    }

    private static RateLimitPartition<string> PerClientPerMinute(HttpContext http, Func<DirectLineOptions, int> permits)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits(options), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
