using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;

namespace HkInnoBot.Bot.Tests;

/// <summary>The bot's own Program, served by Kestrel on a free port on 127.0.0.1 and reached over real HTTP.</summary>
public sealed class BotServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    /// <param name="listenOn">Loopback unless a test needs a caller from another address.</param>
    public BotServer(Dictionary<string, string?> settings, System.Net.IPAddress? listenOn = null)
    {
        _settings = settings;
        if (listenOn is null)
            UseKestrel(port: 0);
        else
            UseKestrel(kestrel => kestrel.Listen(listenOn, 0));
        StartServer();
        Client = CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>The settings as the host's own, so they are there from the start, as environment variables are (what
    /// Program reads before it builds the app included).</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    public Task<HttpResponseMessage> PostAsync(JObject activity, string? authorization = null) =>
        PostRawAsync(activity.ToString(), authorization);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await Client.SendAsync(request);
    }

    /// <summary>Posts an activity with deliveryMode expectReplies and returns the replies from the HTTP 200 body.</summary>
    public async Task<IReadOnlyList<JObject>> ExchangeAsync(JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        using var response = await PostAsync(activity);
        Assert.Equal(200, (int)response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return body["activities"]!.Cast<JObject>().ToList();
    }
}
