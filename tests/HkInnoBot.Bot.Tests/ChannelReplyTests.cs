using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
