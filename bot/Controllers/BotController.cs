using Microsoft.AspNetCore.Mvc;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace HkInnoBot.Bot.Controllers;

/// <summary>The Bot Framework messaging endpoint: channels (and the Emulator) POST activities here.</summary>
[Route("api/messages")]
[ApiController]
public sealed class BotController(IBotFrameworkHttpAdapter adapter, IBot bot, ILogger<BotController> logger) : ControllerBase
{
    [HttpPost]
    public async Task PostAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The adapter authenticates the request, runs the turn and writes the HTTP response. It answers a missing
            // or rejected token with 401 and an unreadable body with 400 itself.
            await adapter.ProcessAsync(Request, Response, bot, cancellationToken);
        }
        catch (Exception e) when (!Response.HasStarted && RejectionStatus(e) is { } status)
        {
            logger.LogWarning("Rejected a request with {Status}: {Reason}", status, e.Message);
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
        if (Request.Headers.Authorization.Count > 0)
            return StatusCodes.Status401Unauthorized;
        return e is ArgumentException or FormatException ? StatusCodes.Status400BadRequest : null;
    }
}
