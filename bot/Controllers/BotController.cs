using Microsoft.AspNetCore.Mvc;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HkInnoBot.Bot.Controllers;

/// <summary>The Bot Framework messaging endpoint: channels (and the Emulator) POST activities here.</summary>
[Route("api/messages")]
[ApiController]
public sealed class BotController(IBotFrameworkHttpAdapter adapter, IBot bot, IOptions<BotOptions> options, RejectionLog rejections)
    : ControllerBase
{
    [HttpPost]
    public async Task PostAsync(CancellationToken cancellationToken)
    {
        // Without an app id no request is authenticated, and the bot posts its replies to whatever serviceUrl a caller
        // names: only this machine's Emulator or Agents Playground may use the endpoint then.
        if (!options.Value.RequiresAuthentication && !Callers.IsLocal(HttpContext.Connection.RemoteIpAddress))
        {
            rejections.Rejected(StatusCodes.Status403Forbidden, "without an app id only local clients are served");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        try
        {
            // The adapter authenticates the request, runs the turn and writes the HTTP response. It answers a missing
            // or rejected token with 401 and an unreadable body with 400 itself.
            await adapter.ProcessAsync(Request, Response, bot, cancellationToken);
        }
        catch (Exception e) when (!Response.HasStarted && RejectionStatus(e) is { } status)
        {
            rejections.Rejected(status, e.Message);
            Response.StatusCode = status;
        }
    }

    /// <summary>
    /// Errors inside a turn never get here (the adapter's OnTurnError answers them). What escapes the adapter is a
    /// request it could not accept, which the SDK reports as an exception (a 500):
    /// a bearer token it cannot parse or check, e.g. "Bearer a.b.c" — for the caller simply not authenticated (401);
    /// or an activity without the fields needed to reply, e.g. no serviceUrl — a bad request (400).
    /// </summary>
    private int? RejectionStatus(Exception e)
    {
        if (e is OperationCanceledException)
            return null;
        // A token that cannot be read (SecurityTokenException, FormatException, ArgumentException) or checked (the
        // signing keys cannot be fetched: HttpRequestException, InvalidOperationException).
        if (Request.Headers.Authorization.Count > 0
            && e is UnauthorizedAccessException or SecurityTokenException or ArgumentException or FormatException
                 or HttpRequestException or InvalidOperationException)
            return StatusCodes.Status401Unauthorized;
        return e is ArgumentException or FormatException ? StatusCodes.Status400BadRequest : null;
    }
}
