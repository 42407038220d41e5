using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Bot.Tests;

/// <summary>The real adapter's error handler, on a turn that fails.</summary>
public sealed class TurnErrorTests
{
    private static async Task<IList<Activity>> FailingTurnAsync(string channelId)
    {
        var adapter = new AdapterWithErrorHandler(
            new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()), NullLogger<IBotFrameworkHttpAdapter>.Instance,
            new RejectionLog(NullLogger<RejectionLog>.Instance, TimeProvider.System));
        var activity = new Activity(ActivityTypes.Message)
        {
            Text = "科技券", ChannelId = channelId, ServiceUrl = "http://127.0.0.1:9/", DeliveryMode = DeliveryModes.ExpectReplies,
            Conversation = new ConversationAccount(id: "c"), From = new ChannelAccount("user"), Recipient = new ChannelAccount("bot"),
        };
        var response = await adapter.ProcessActivityAsync(new ClaimsIdentity(), activity,
            (_, _) => throw new InvalidOperationException("secret internals"), CancellationToken.None);
        return ((ExpectedReplies)response.Body).Activities;
    }

    [Fact]
    public async Task A_failed_turn_apologises_without_showing_the_error_to_users()
    {
        var replies = await FailingTurnAsync(Channels.Directline);
        var apology = Assert.Single(replies);
        Assert.Equal(Cards.AnswerCards.TurnFailed().Text, apology.Text);
        Assert.DoesNotContain("secret internals", Newtonsoft.Json.JsonConvert.SerializeObject(replies));
    }

    [Fact]
    public async Task The_Emulator_also_gets_the_error_as_a_trace()
    {
        var replies = await FailingTurnAsync(Channels.Emulator);
        Assert.Contains(replies, reply => reply.Type == ActivityTypes.Trace && (string?)reply.Value == "secret internals");
    }
}
