using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace HkInnoBot.WebChat.Tests;

/// <summary>Speaks the built-in Direct Line 3.0 over HTTP the way Web Chat's polling client does.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public string ConversationId { get; private set; } = "";

    public string Token { get; set; } = "";

    /// <summary>What the page does: a token from the bot, then the conversation started with it.</summary>
    public static async Task<DirectLineClient> StartAsync(HttpClient http)
    {
        var client = new DirectLineClient(http);
        var ticket = await client.GetTicketAsync();
        client.ConversationId = (string)ticket["conversationId"]!;
        client.Token = (string)ticket["token"]!;
        using var started = await client.SendAsync(HttpMethod.Post, "v3/directline/conversations");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await ReadJsonAsync(started);
        Assert.Equal(client.ConversationId, (string)body["conversationId"]!);
        client.Token = (string)body["token"]!;
        return client;
    }

    public async Task<JsonObject> GetTicketAsync()
    {
        using var response = await http.PostAsync("api/directline/token", content: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public Task<HttpResponseMessage> GetActivitiesAsync(string? watermark = null, string? conversationId = null) =>
        SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId ?? ConversationId}/activities?watermark={watermark}");

    public async Task<(JsonArray Activities, string Watermark)> ReadActivitiesAsync(string? watermark = null)
    {
        using var response = await GetActivitiesAsync(watermark);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        return ((JsonArray)body["activities"]!, (string)body["watermark"]!);
    }

    public Task<HttpResponseMessage> PostActivityAsync(string json, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId ?? ConversationId}/activities",
            new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Posts a message as Web Chat does and returns the id the service gave it.</summary>
    public async Task<string> SayAsync(string text)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["locale"] = "zh-HK",
            ["from"] = new JsonObject { ["id"] = "someone-else", ["role"] = "bot" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = $"client-{Guid.NewGuid():N}" },
        };
        using var response = await PostActivityAsync(message.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await ReadJsonAsync(response))["id"]!;
    }

    public Task<HttpResponseMessage> RefreshAsync() => SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh");

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await http.SendAsync(request);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
