using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// The web chat's server side. POST /api/directline/token gives the page a conversation token: from the built-in
/// Direct Line 3.0 subset below, or (when a secret is configured) from Azure Bot Service. The built-in subset is what
/// Web Chat needs when polling: start a conversation, reconnect to it, post and read activities by watermark, refresh
/// the token.
/// </summary>
public static class DirectLineEndpoints
{
    /// <summary>Where the page finds the built-in Direct Line, relative to the bot's own address.</summary>
    private const string BuiltInDomain = "v3/directline";


    /// <summary>
    /// Maps the endpoints and adds the CORS and rate-limiting middleware, which act only on endpoints that ask for them.
    /// </summary>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();

        var usesAzure = app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.UsesAzure;
        var tokenEndpoint = usesAzure
            ? app.MapPost("/api/directline/token", AzureTokenAsync)
            : app.MapPost("/api/directline/token", BuiltInToken);
        tokenEndpoint.RequireCors(DirectLineServices.CorsPolicy)
            .RequireRateLimiting(DirectLineServices.NewConversationsPolicy);
        if (usesAzure)
            return app; // The page talks to Azure's Direct Line; a second, unauthenticated way in would only be a bypass.

        var directLine = app.MapGroup("/" + BuiltInDomain)
            .RequireCors(DirectLineServices.CorsPolicy)
            .RequireRateLimiting(DirectLineServices.RequestsPolicy);
        directLine.MapPost("/conversations", StartConversationAsync);
        directLine.MapGet("/conversations/{conversationId}", Reconnect);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivities);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        directLine.MapPost("/tokens/refresh", RefreshToken);
        return app;
    }

    private static IResult BuiltInToken(ConversationStore store, ConversationTokens tokens) =>
        Ticket(store.Create(), tokens, BuiltInDomain);

    private static async Task<IResult> AzureTokenAsync(AzureTokenClient azure, ILogger<AzureTokenClient> logger, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Json(await azure.GenerateAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Azure Direct Line did not issue a token: {Reason}", e.Message);
            return Error(StatusCodes.Status502BadGateway, "ServiceError", "Could not get a Direct Line token.");
        }
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext http, ConversationStore store, ConversationTokens tokens, BotRelay relay)
    {
        if (!TryAuthorize(http, store, tokens, conversationId: null, out var conversation, out var failure))
            return failure;
        if (conversation.MarkStarted())
            await relay.StartAsync(conversation, ServiceUrl(http.Request), http.RequestAborted);
        return Ticket(conversation, tokens, domain: null, StatusCodes.Status201Created);
    }

    private static IResult GetActivities(
        HttpContext http, string conversationId, string? watermark, ConversationStore store, ConversationTokens tokens)
    {
        if (!TryAuthorize(http, store, tokens, conversationId, out var conversation, out var failure))
            return failure;
        long from = 0;
        if (!string.IsNullOrEmpty(watermark) && (!long.TryParse(watermark, out from) || from < 0))
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark must be a number this service gave out.");

        // The activities are kept as JSON already: the set is put together, not serialised again.
        var (activities, next) = conversation.ReadFrom(from);
        return Results.Content($$"""{"activities":[{{string.Join(',', activities)}}],"watermark":"{{next}}"}""", "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> PostActivityAsync(
        HttpContext http, string conversationId, ConversationStore store, ConversationTokens tokens, BotRelay relay,
        IOptions<DirectLineOptions> options)
    {
        if (!TryAuthorize(http, store, tokens, conversationId, out var conversation, out var failure))
            return failure;
        var maxCharacters = options.Value.MaxMessageCharacters;
        if (await ReadBodyAsync(http, options.Value.MaxActivityBytes) is not { } body)
            return TooLong(maxCharacters);

        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(body, Conversation.ActivityJson);
        }
        catch (JsonException)
        {
            activity = null;
        }
        // Clients may say things and raise events; conversation updates, invokes and the like are the channel's to send.
        if (activity?.Type is not (ActivityTypes.Message or ActivityTypes.Event))
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Expected a message or event activity in JSON.");
        if (activity.Text?.Length > maxCharacters)
            return TooLong(maxCharacters);

        await relay.PostAsync(conversation, activity, ServiceUrl(http.Request), http.RequestAborted);
        return Results.Json(new ResourceResponse(activity.Id));
    }

    private static IResult TooLong(int maxCharacters) =>
        Error(StatusCodes.Status413PayloadTooLarge, "BadArgument", $"A message may be at most {maxCharacters} characters.");

    /// <summary>Direct Line's reconnect: a page reloaded in the same tab goes on with its conversation (its history read
    /// again from the start, its follow-up context kept by the bot) under a fresh token.</summary>
    private static IResult Reconnect(HttpContext http, string conversationId, ConversationStore store, ConversationTokens tokens)
    {
        if (!TryAuthorize(http, store, tokens, conversationId, out var conversation, out var failure))
            return failure;
        return Ticket(conversation, tokens, domain: null);
    }

    private static IResult RefreshToken(HttpContext http, ConversationStore store, ConversationTokens tokens)
    {
        if (!TryAuthorize(http, store, tokens, conversationId: null, out var conversation, out var failure))
            return failure;
        return Ticket(conversation, tokens, domain: null);
    }

    /// <summary>
    /// Finds the conversation the bearer token is bound to, if it is the one asked for and still exists. Otherwise the
    /// failure is 401 without a token, 403 for a token that is invalid, expired or bound to another conversation, and
    /// 404 for a conversation that has ended.
    /// </summary>
    private static bool TryAuthorize(
        HttpContext http, ConversationStore store, ConversationTokens tokens, string? conversationId,
        [NotNullWhen(true)] out Conversation? conversation, [NotNullWhen(false)] out IResult? failure)
    {
        var header = http.Request.Headers.Authorization.ToString();
        conversation = null;
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            failure = Error(StatusCodes.Status401Unauthorized, "BadArgument", "A Bearer token is required.");
        else if (tokens.ConversationOf(header["Bearer ".Length..].Trim()) is not { } bound
                 || (conversationId is not null && conversationId != bound))
            failure = Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token is not valid for this conversation.");
        else if ((conversation = store.Find(bound)) is null)
            failure = Error(StatusCodes.Status404NotFound, "BadArgument", "The conversation has ended.");
        else
            failure = null;
        return conversation is not null;
    }

    /// <summary>The body as text, or null when it is larger than allowed, whether or not the client declared its length.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
            return null;
        // Counted here rather than left to the server's body-size feature, which some hosts do not offer; into a pooled
        // buffer, since a flood of posts would otherwise allocate the largest allowed body for each.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= maxBytes && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), http.RequestAborted)) > 0)
                length += read;
            return length > maxBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The replies come back in the turn's response (expectReplies), so the bot never posts to this address.
    private static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/{BuiltInDomain}";

    private static IResult Ticket(Conversation conversation, ConversationTokens tokens, string? domain, int status = StatusCodes.Status200OK) =>
        Results.Json(new DirectLineToken(conversation.Id, tokens.Issue(conversation.Id), (int)tokens.Lifetime.TotalSeconds, domain),
            statusCode: status);

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}
