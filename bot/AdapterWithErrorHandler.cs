using System.Security.Claims;
using HkInnoBot.Bot.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.TraceExtensions;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace HkInnoBot.Bot;

/// <summary>The Bot Framework adapter, with a turn error handler so a failing turn ends in an apology, not a 500.</summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<IBotFrameworkHttpAdapter> logger, RejectionLog rejections)
        : base(auth, new AdapterLogger(logger, rejections))
    {
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Unhandled error in a {ActivityType} turn on {ChannelId}",
                turnContext.Activity.Type, turnContext.Activity.ChannelId);
            try
            {
                await turnContext.SendActivityAsync(AnswerCards.TurnFailed());
                // The error's text is for the developer's Emulator only: other clients (the built-in Direct Line
                // returns every reply, traces included) must not see internals.
                if (turnContext.Activity.ChannelId == Channels.Emulator)
                    await turnContext.TraceActivityAsync("OnTurnError Trace", exception.Message,
                        "https://www.botframework.com/schemas/error", "TurnError");
            }
            catch (Exception sendFailure)
            {
                // The channel itself may be what failed; the error is logged above either way.
                logger.LogWarning(sendFailure, "Could not tell the user about the turn error");
            }
        };
    }

    /// <summary>
    /// Runs a turn for an activity that reached the bot in-process, already authenticated by whoever hands it over
    /// (the built-in Direct Line, by its conversation token). <see cref="CloudAdapterBase"/> leaves this
    /// <see cref="BotAdapter"/> entry point unimplemented; the turn itself goes down the same path as /api/messages.
    /// </summary>
    public override Task<InvokeResponse> ProcessActivityAsync(
        ClaimsIdentity claimsIdentity, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(new AuthenticateRequestResult
        {
            ClaimsIdentity = claimsIdentity,
            Audience = AuthenticationConstants.ToChannelFromBotOAuthScope,
            ConnectorFactory = BotFrameworkAuthentication.CreateConnectorFactory(claimsIdentity),
        }, activity, callback, cancellationToken);
}
