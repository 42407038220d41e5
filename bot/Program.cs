using HkInnoBot.Bot;
using HkInnoBot.Bot.Bots;
using HkInnoBot.Bot.DirectLine;
using HkInnoBot.Bot.Index;
using HkInnoBot.Bot.State;
using HkInnoBot.Bot.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Feedback;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<BotOptions>()
    .Bind(builder.Configuration)
    .Validate(BotOptions.HaveConsistentCredentials,
        "MicrosoftAppId is set but the credentials are incomplete: MultiTenant needs MicrosoftAppPassword, " +
        "SingleTenant needs MicrosoftAppPassword and MicrosoftAppTenantId, UserAssignedMSI needs MicrosoftAppTenantId.")
    .ValidateOnStart();
builder.Services.AddOptions<AnswerOptions>()
    .Bind(builder.Configuration.GetSection(AnswerOptions.Section))
    .Validate(AnswerOptions.AreValid, "An Answers setting is out of range.")
    .ValidateOnStart();
builder.Services.AddOptions<SearchSettings>()
    .Bind(builder.Configuration.GetSection("Search"))
    .Validate(search => search.RefreshInterval >= TimeSpan.FromMilliseconds(100) && search.RefreshInterval <= TimeSpan.FromHours(1),
        "Search:RefreshInterval must be between 00:00:00.1 and 01:00:00.")
    .ValidateOnStart();
builder.Services.AddOptions<FeedbackSettings>()
    .Bind(builder.Configuration.GetSection("Feedback"))
    .Validate(feedback => feedback.MaxFileBytes >= 1024 && feedback.KeptFiles is >= 0 and <= 100,
        "Feedback:MaxFileBytes must be at least 1024 and Feedback:KeptFiles between 0 and 100.")
    .ValidateOnStart();
builder.Services.AddOptions<ConversationOptions>()
    .Bind(builder.Configuration.GetSection(ConversationOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddOptions<ReverseProxyOptions>()
    .Bind(builder.Configuration.GetSection(ReverseProxyOptions.Section))
    .Validate(ReverseProxyOptions.AreValid, "ReverseProxy:KnownProxies must be IP addresses and ReverseProxy:KnownNetworks CIDR networks.")
    .ValidateOnStart();
builder.Services.AddOptions<ForwardedHeadersOptions>()
    .Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) => proxy.Value.ApplyTo(forwarded));
builder.Services.AddSingleton(services => new FeedbackLog(services.GetRequiredService<IOptions<FeedbackSettings>>().Value));
builder.Services.AddOptions<TelemetryOptions>()
    .Bind(builder.Configuration.GetSection(TelemetryOptions.Section))
    .Validate(TelemetryOptions.AreValid, "Telemetry:MetricsNetworks must be CIDR networks and Telemetry:OtlpProtocol grpc or http/protobuf.")
    .ValidateOnStart();
builder.Services.AddSingleton(services => Answerer.Open(
    services.GetRequiredService<IOptions<SearchSettings>>().Value,
    services.GetRequiredService<ILogger<Answerer>>()));

builder.Services.AddHostedService<IndexRefresher>();

// Metrics at /metrics in Prometheus's format (ASP.NET Core's, the runtime's and the bot's own: Telemetry/BotTelemetry);
// with an OTLP endpoint configured, metrics and the turns' traces go there too.
builder.Services.AddSingleton<BotTelemetry>();
var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
var openTelemetry = builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("hkinnobot"))
    .WithMetrics(metrics =>
    {
        metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(BotTelemetry.Name).AddPrometheusExporter();
        if (telemetry.OtlpEndpoint is not null)
            metrics.AddOtlpExporter(exporter => telemetry.ApplyTo(exporter, "metrics"));
    });
// Spans are made only when something takes them.
if (telemetry.OtlpEndpoint is not null)
    openTelemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(BotTelemetry.Name)
        .AddOtlpExporter(exporter => telemetry.ApplyTo(exporter, "traces")));
builder.Services.AddHealthChecks().AddCheck<IndexHealthCheck>("index");

builder.Services.AddHttpClient();
builder.Services.AddControllers();

// The Bot Framework seam: a later move to the Microsoft 365 Agents SDK replaces these registrations
// (and the types' base classes), not the conversation.
builder.Services.AddSingleton<ConfigurationBotFrameworkAuthentication>();
builder.Services.AddSingleton<BotFrameworkAuthentication>(services =>
    new LazyClientsAuthentication(services.GetRequiredService<ConfigurationBotFrameworkAuthentication>()));
builder.Services.AddSingleton<RejectionLog>();
builder.Services.AddSingleton<IBotFrameworkHttpAdapter, AdapterWithErrorHandler>();
builder.Services.AddTransient<IBot, PolicyBot>();
// What a conversation remembers between turns (the last question's topic). Several instances share one SDK storage
// here instead, such as BlobsStorage or CosmosDbPartitionedStorage (README, "Several instances").
builder.Services.AddSingleton<IStorage, BoundedMemoryStorage>();
builder.Services.AddSingleton<ConversationState>();
builder.Services.AddDirectLine(builder.Configuration);

var app = builder.Build();
// First, so that the limits and the local-only rule below see the client behind a trusted proxy.
if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.IsConfigured)
    app.UseForwardedHeaders();
// This machine and the configured networks only: a scraper needs nothing more, and nobody else anything.
var metricsReaders = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
    context.Request.Path == "/metrics" && metricsReaders.MayReadMetrics(context.Connection.RemoteIpAddress));
// The web chat page (wwwroot/index.html) at "/", and the Direct Line it talks to. The static files are served from the
// build's manifest of them: compressed, with ETags, and those named by their content hash cached for good.
app.UseDefaultFiles(); // "/" is "/index.html", before routing picks the endpoint
app.UseRouting();
app.MapStaticAssets();
app.MapDirectLine();
app.MapControllers();
app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = IndexHealthCheck.WriteAsync });

// Build or open the index before listening, so the first question does not wait for it.
app.Services.GetRequiredService<Answerer>();
app.Lifetime.ApplicationStarted.Register(() => AnnounceEndpoint(app));

app.Run();

static void AnnounceEndpoint(WebApplication app)
{
    var options = app.Services.GetRequiredService<IOptions<BotOptions>>().Value;
    var logger = app.Services.GetRequiredService<ILogger<Program>>();
    foreach (var address in app.Urls)
    {
        var endpoint = $"{address.TrimEnd('/')}/api/messages";
        if (options.RequiresAuthentication)
            logger.LogInformation("HkInnoBot is listening at {Endpoint} for authenticated channel requests to app {AppId}",
                endpoint, options.MicrosoftAppId);
        else
            logger.LogInformation("HkInnoBot is ready. Connect Bot Framework Emulator or Microsoft 365 Agents Playground to " +
                "{Endpoint} with an empty app id and password", endpoint);
        logger.LogInformation("Web chat page: {Page}", $"{address.TrimEnd('/')}/");
    }
}

/// <summary>Visible to the tests, which host the real app.</summary>
public partial class Program;
