using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using static HkInnoBot.Bot.Tests.Activities;

namespace HkInnoBot.Bot.Tests;

/// <summary>
/// Turns that reply the way Teams and Azure Bot Service channels take replies: posted by the bot to the channel's
/// service URL, here a real HTTP server on 127.0.0.1 standing in for the channel. The connector client that posts them
/// is made only when a turn replies (<see cref="LazyClientsAuthentication"/>).
/// </summary>
[Collection(BotCollection.Name)]
public sealed class ChannelReplyTests(BotHostFixture fixture) : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, JObject Activity)> posted = new();
    private WebApplication? channel;
    private string serviceUrl = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        channel = builder.Build();
        channel.MapPost("/v3/conversations/{conversation}/activities/{**rest}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            posted.Enqueue((request.Path, JObject.Parse(await reader.ReadToEndAsync())));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await channel.StartAsync();
        serviceUrl = channel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
    }

    public async Task DisposeAsync()
    {
        if (channel is not null)
            await channel.DisposeAsync();
    }

    [Fact]
    public async Task A_question_is_answered_by_posting_the_reply_to_the_channels_service_url()
    {
        var activity = Json("message", "香港有幾多間初創企業？");
        activity["serviceUrl"] = serviceUrl;

        using var response = await fixture.AnonymousServer.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (path, reply) = Assert.Single(posted);
        Assert.Equal($"/v3/conversations/{activity["conversation"]!["id"]}/activities/{activity["id"]}", path);
        Assert.Equal((string?)activity["id"], (string?)reply["replyToId"]);
        Assert.Contains(Texts(Card(reply)), text => text.Contains("4,300", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task A_turn_makes_a_connector_client_only_when_it_posts_a_reply(bool expectReplies, int connectorClients)
    {
        var sdk = new CountingAuthentication(new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()));
        var adapter = new AdapterWithErrorHandler(new LazyClientsAuthentication(sdk), NullLogger<IBotFrameworkHttpAdapter>.Instance,
            new RejectionLog(NullLogger<RejectionLog>.Instance, TimeProvider.System));
        var activity = new Activity(ActivityTypes.Message)
        {
            Id = "a1", Text = "科技券", ChannelId = Channels.Emulator, ServiceUrl = serviceUrl,
            DeliveryMode = expectReplies ? DeliveryModes.ExpectReplies : null,
            Conversation = new ConversationAccount(id: "c1"), From = new ChannelAccount("user"), Recipient = new ChannelAccount("bot"),
        };

        await adapter.ProcessActivityAsync(new ClaimsIdentity(), activity,
            (turn, cancellationToken) => turn.SendActivityAsync("reply", cancellationToken: cancellationToken), CancellationToken.None);

        Assert.Equal(connectorClients, sdk.ConnectorClients);
        Assert.Equal(0, sdk.UserTokenClients);
        Assert.Equal(connectorClients, posted.Count);
    }

    /// <summary>The SDK's own authentication, counting the clients it is asked to make.</summary>
    private sealed class CountingAuthentication(BotFrameworkAuthentication sdk) : BotFrameworkAuthentication
    {
        public int ConnectorClients;
        public int UserTokenClients;

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
            sdk.AuthenticateRequestAsync(activity, authHeader, cancellationToken);

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
            sdk.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
            new CountingFactory(sdk.CreateConnectorFactory(claimsIdentity), this);

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref UserTokenClients);
            return sdk.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);
        }

        private sealed class CountingFactory(ConnectorFactory sdk, CountingAuthentication counts) : ConnectorFactory
        {
            public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counts.ConnectorClients);
                return sdk.CreateAsync(serviceUrl, audience, cancellationToken);
            }
        }
    }

    [Fact]
    public async Task A_turn_that_asks_for_its_replies_in_the_response_posts_nothing()
    {
        var activity = Json("message", "科技券係咩？");
        activity["serviceUrl"] = serviceUrl;

        var replies = await fixture.AnonymousServer.ExchangeAsync(activity);

        Assert.NotEmpty(replies);
        Assert.Empty(posted);
    }
}
