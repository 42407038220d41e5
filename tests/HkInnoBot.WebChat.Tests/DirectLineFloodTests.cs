using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HkInnoBot.Tests;
using Xunit.Abstractions;

namespace HkInnoBot.WebChat.Tests;

/// <summary>
/// The built-in Direct Line flooded with default settings: 16 clients that each move on to another loopback address
/// whenever the per-client limits stop them, posting the longest messages allowed (10,000 Chinese characters, 30 KB)
/// for 40 s. Each is a question the bot searches, declines and logs. The bot runs as a process of its own, so its
/// resident memory can be read from outside it; it must stay within 400 MB and answer normally right after.
/// </summary>
[Collection(WebChatCollection.Name)]
public sealed class DirectLineFloodTests(ShippedIndex index, ITestOutputHelper output)
{
    private const long MaxResidentBytes = 400L * 1024 * 1024;

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task A_flood_from_many_addresses_keeps_memory_within_budget_and_the_bot_answers_after()
    {
        var port = FreePort();
        var feedback = TempFolder.Create("flood-feedback");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HkInnoBot.Bot.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Search__IndexPath"] = index.IndexPath, ["Feedback__Path"] = Path.Combine(feedback, "f.jsonl"), ["Logging__LogLevel__Default"] = "Warning" },
        };
        using var bot = Process.Start(start)!;
        bot.OutputDataReceived += (_, _) => { };
        bot.ErrorDataReceived += (_, _) => { };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}/");
            await WaitUntilServingAsync(address);
            var peak = ResidentBytes(bot);

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, ResidentBytes(bot));
                    await Task.Delay(250);
                }
            });
            var clients = Enumerable.Range(0, 16).Select(client => FloodAsync(address, client, stop.Token)).ToArray();
            var posted = (await Task.WhenAll(clients)).Sum();
            await sampler;

            output.WriteLine($"{posted} activities of 30 KB posted; peak resident memory {peak / 1024 / 1024} MB");
            Assert.False(bot.HasExited, "the bot stopped");
            Assert.True(posted > 1000, $"only {posted} activities posted");
            Assert.InRange(peak, 1, MaxResidentBytes);

            using var http = new HttpClient { BaseAddress = address };
            var user = await DirectLineClient.StartAsync(http);
            var (_, watermark) = await user.ReadActivitiesAsync();
            await user.SayAsync("科技券係咩？");
            var (replies, _) = await user.ReadActivitiesAsync(watermark);
            Assert.Contains(replies, reply => (string?)reply!["from"]!["role"] == "bot" && reply["attachments"] is not null);
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
        }
    }

    /// <summary>One client: a conversation from one loopback address, the longest messages until the limits say no,
    /// then the next address. Returns how many activities it posted.</summary>
    private static async Task<int> FloodAsync(Uri address, int client, CancellationToken stop)
    {
        var body = $$"""{"type":"message","text":"{{string.Concat(Enumerable.Repeat("書簿津貼", 2500))}}"}""";
        var posted = 0;
        for (var source = 1; !stop.IsCancellationRequested; source++)
        {
            using var http = new HttpClient(FromAddress(IPAddress.Parse($"127.{client + 1}.{source / 250}.{source % 250 + 1}"))) { BaseAddress = address };
            try
            {
                using var ticket = await http.PostAsync("api/directline/token", null, stop);
                if (ticket.StatusCode != HttpStatusCode.OK)
                    continue;
                var dl = new DirectLineClient(http) { Token = (string)(await DirectLineClient.ReadJsonAsync(ticket))["token"]! };
                var conversation = (string)(await DirectLineClient.ReadJsonAsync(ticket))["conversationId"]!;
                while (!stop.IsCancellationRequested)
                {
                    using var response = await dl.PostActivityAsync(body, conversation);
                    if (response.StatusCode != HttpStatusCode.OK)
                        break;
                    posted++;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
        return posted;
    }

    private static SocketsHttpHandler FromAddress(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellation) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    private static async Task WaitUntilServingAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var health = await http.GetAsync("healthz");
                if (health.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the bot did not start");
    }

    // VmRSS from /proc: what the process holds in memory now.
    private static long ResidentBytes(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
