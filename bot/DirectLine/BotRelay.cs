using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace HkInnoBot.Bot.DirectLine;

/// <summary>
/// Hands built-in Direct Line activities to the same adapter and bot that serve /api/messages, so there is one
/// answering path. The turn runs with deliveryMode expectReplies: the adapter returns the bot's replies instead of
/// posting them to a channel, and they are appended to the conversation for the client's next poll.
/// </summary>
public sealed class BotRelay(IBotFrameworkHttpAdapter adapter, IBot bot, ConversationStore store, IOptions<BotOptions> botOptions)
{
    private const string ChannelId = "directline";

    private static readonly ChannelAccount BotAccount = new("hkinnobot", "HkInnoBot", RoleTypes.Bot);

    private readonly BotAdapter _adapter = adapter as BotAdapter
        ?? throw new InvalidOperationException($"The Direct Line relay needs a {nameof(BotAdapter)}, not {adapter.GetType()}.");

    // The SDK takes the bot's own app id from the audience claim, as from a channel's token; without it, a bot with
    // an app id (deployed for Teams as well) would refuse to build the turn's clients.
    private readonly ClaimsIdentity _identity = new(
        botOptions.Value.RequiresAuthentication ? [new Claim(AuthenticationConstants.AudienceClaim, botOptions.Value.MicrosoftAppId)] : [],
        AuthenticationConstants.AnonymousAuthType);

    /// <summary>Tells the bot the user and the bot joined, which is what makes it send its welcome.</summary>
    public Task StartAsync(Conversation conversation, string serviceUrl, CancellationToken cancellationToken)
    {
        var update = new Activity(ActivityTypes.ConversationUpdate)
        {
            MembersAdded = [conversation.User, BotAccount],
            From = conversation.User,
        };
        Address(update, conversation, serviceUrl);
        return RunTurnAsync(conversation, update, cancellationToken);
    }

    /// <summary>Shows the user's activity in the conversation, then runs the bot's turn on it.</summary>
    public Task PostAsync(Conversation conversation, Activity activity, string serviceUrl, CancellationToken cancellationToken)
    {
        activity.From = new ChannelAccount(conversation.User.Id, activity.From?.Name ?? conversation.User.Name, RoleTypes.User);
        Address(activity, conversation, serviceUrl);
        store.Append(conversation, activity);
        // The bot works on its own copy: the turn changes its activity, and the stored one is being read by polls.
        return RunTurnAsync(conversation, JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity))!, cancellationToken);
    }

    private async Task RunTurnAsync(Conversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        var response = await _adapter.ProcessActivityAsync(_identity.Clone(), activity, bot.OnTurnAsync, cancellationToken);
        if (response?.Body is not ExpectedReplies replies)
            return;
        foreach (var reply in replies.Activities)
        {
            reply.Conversation = new ConversationAccount(id: conversation.Id);
            reply.Timestamp ??= DateTimeOffset.UtcNow;
            store.Append(conversation, reply);
        }
    }

    private static void Address(Activity activity, Conversation conversation, string serviceUrl)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.Recipient = BotAccount;
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.LocalTimestamp ??= activity.Timestamp;
    }
}
