using HkInnoBot.Tests;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HkInnoBot.WebChat.Tests;

/// <summary>
/// With a Direct Line secret configured, the page's token comes from Azure Bot Service's tokens/generate. Azure is not
/// reachable here, so a stand-in on 127.0.0.1 plays its part of the contract: it accepts only the secret as bearer.
/// </summary>
[Collection(WebChatCollection.Name)]
public sealed class ProductionModeTests(ShippedIndex index) : IAsyncLifetime
{
    private const string Secret = "test-direct-line-secret-never-for-browsers";

    private WebApplication _azure = null!;
    private string _azureEndpoint = "";
    private int _azureStatus = StatusCodes.Status200OK;
    private readonly List<string?> _authorizations = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _azure = builder.Build();
        _azure.MapPost("/v3/directline/tokens/generate", (HttpRequest request) =>
        {
            _authorizations.Add(request.Headers.Authorization);
            return _azureStatus == StatusCodes.Status200OK
                ? Results.Json(new { conversationId = "AzureConv-1", token = "azure-issued-token", expires_in = 3600 })
                : Results.StatusCode(_azureStatus);
        });
        await _azure.StartAsync();
        var address = _azure.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _azureEndpoint = $"{address}/v3/directline/";
    }

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    private WebChatServer Server() => new(index.IndexPath, new()
    {
        ["DirectLine:Secret"] = Secret,
        ["DirectLine:AzureEndpoint"] = _azureEndpoint,
    });

    [Fact]
    public async Task The_page_gets_an_Azure_token_and_never_the_secret()
    {
        using var server = Server();

        using var response = await server.Client.PostAsync("api/directline/token", null);
        var body = await response.Content.ReadAsStringAsync();
        var page = await server.Client.GetStringAsync("/") + await server.Client.GetStringAsync("chat.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"conversationId":"AzureConv-1","token":"azure-issued-token","expires_in":3600}""", body);
        Assert.Equal([$"Bearer {Secret}"], _authorizations);
        Assert.DoesNotContain(Secret, body + page);
    }

    [Fact]
    public async Task The_built_in_Direct_Line_is_off_so_there_is_no_way_around_Azure()
    {
        using var server = Server();

        using var start = await server.Client.PostAsync("v3/directline/conversations", null);

        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }

    [Theory]
    [InlineData(StatusCodes.Status403Forbidden)]
    [InlineData(StatusCodes.Status500InternalServerError)]
    public async Task When_Azure_refuses_the_page_gets_502(int azureStatus)
    {
        _azureStatus = azureStatus;
        using var server = Server();

        using var response = await server.Client.PostAsync("api/directline/token", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync());
    }
}
