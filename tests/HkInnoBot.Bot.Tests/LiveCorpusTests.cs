using System.Diagnostics;
using System.Net;
using HkInnoBot.Tests;
using Newtonsoft.Json.Linq;
using static HkInnoBot.Bot.Tests.Activities;

namespace HkInnoBot.Bot.Tests;

/// <summary>
/// The real app on 127.0.0.1 following its corpus folder while questions keep arriving: documents added and removed,
/// and an <c>indexer build</c> from another process, with no failed request and no restart.
/// </summary>
public sealed class LiveCorpusTests : IDisposable
{
    private const string SpaceQuestion = "太空館展出咩望遠鏡？";
    private readonly string corpus = TestCorpora.CopyOf(TestCorpora.Small);
    private readonly string index = TempFolder.Create("index");
    private readonly string feedback = TempFolder.Create("feedback");

    private BotServer Start() => new(new()
    {
        ["Search:CorpusPath"] = corpus,
        ["Search:IndexPath"] = index,
        ["Search:RefreshInterval"] = "00:00:00.2",
        ["Feedback:Path"] = Path.Combine(feedback, "feedback.jsonl"),
    });

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task Documents_come_and_go_under_load_without_a_failed_request()
    {
        using var server = Start();
        using var load = new Load(server);
        var generation = await GenerationAsync(server);

        File.WriteAllText(Path.Combine(corpus, "space.zh-Hant.txt"), "太空科普\n\n展覽\n\n- 香港太空館展出一台天文望遠鏡。\n");
        File.WriteAllText(Path.Combine(corpus, "space.zh-Hant.meta.json"),
            """{ "title": "太空科普", "publisher": "test", "updated": "2025-01-01", "language": "zh-Hant" }""");
        var added = await WithinAsync(TimeSpan.FromSeconds(30), async () => (await SourceOfAsync(server, SpaceQuestion))?.Contains("太空科普") == true);
        Assert.True(added, "the new document was not answered from within 30 s");

        File.Delete(Path.Combine(corpus, "space.zh-Hant.txt"));
        File.Delete(Path.Combine(corpus, "space.zh-Hant.meta.json"));
        using (var build = Process.Start(CommandLine.Start(["build", "--index", index, "--corpus", corpus]))!)
            await build.WaitForExitAsync();
        var removed = await WithinAsync(TimeSpan.FromSeconds(15), async () => (await SourceOfAsync(server, SpaceQuestion))?.Contains("太空科普") != true);
        Assert.True(removed, "the removed document was still answered from after 15 s");

        var (requests, failures) = await load.StopAsync();
        Assert.True(requests > 50, $"only {requests} requests under load");
        Assert.Empty(failures);
        Assert.True(await GenerationAsync(server) > generation);
    }

    [Fact]
    public async Task The_health_endpoint_says_what_serves()
    {
        using var server = Start();
        using var response = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", (string?)health["status"]);
        Assert.Equal(2, (int)health["index"]!["documents"]!);
        Assert.Equal(7, (int)health["index"]!["passages"]!);
        Assert.True((long)health["index"]!["generation"]! >= 1);
        Assert.True(DateTimeOffset.UtcNow - (DateTimeOffset)health["index"]!["built"]! < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Without_an_index_the_health_endpoint_is_unhealthy_until_a_corpus_arrives()
    {
        foreach (var file in Directory.GetFiles(corpus))
            File.Delete(file);
        using var server = Start();
        using (var response = await server.Client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Unhealthy", (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["status"]);
        }

        foreach (var file in Directory.GetFiles(TestCorpora.Small))
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        var healthy = await WithinAsync(TimeSpan.FromSeconds(30), async () =>
        {
            using var response = await server.Client.GetAsync("/healthz");
            return response.StatusCode == HttpStatusCode.OK;
        });
        Assert.True(healthy, "no index 30 s after the corpus arrived");
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task A_published_pdf_dropped_in_is_cited_by_page_with_a_link_and_an_unreadable_one_is_reported()
    {
        using var server = Start();
        var documents = Path.Combine(AppContext.BaseDirectory, "data", "documents");
        File.Copy(Path.Combine(documents, "factsheet.pdf"), Path.Combine(corpus, "factsheet.pdf"));
        File.WriteAllText(Path.Combine(corpus, "factsheet.meta.json"), """{ "url": "https://www.gov.hk/factsheet.pdf" }""");
        File.Copy(Path.Combine(documents, "unreadable", "encrypted.pdf"), Path.Combine(corpus, "budget.pdf"));

        string? source = null;
        var cited = await WithinAsync(TimeSpan.FromSeconds(60), async () =>
            (source = await SourceOfAsync(server, "香港有約幾多間金融科技公司？"))?.Contains("第 6 頁") == true);
        Assert.True(cited, $"the PDF was not cited by its page within 60 s: {source}");
        Assert.Equal("資料來源：[創新及科技](https://www.gov.hk/factsheet.pdf)（2024-07-25），第 6 頁，〈金融科技〉", source);

        var health = await HealthAsync(server);
        Assert.Equal("Healthy", (string?)health["status"]);
        Assert.Equal(3, (int)health["index"]!["documents"]!);
        Assert.Equal("budget.pdf: an encrypted PDF", (string?)health["index"]!["skipped"]!.Single());

        // With no readable document left, the index that serves stays, and says why it was not replaced.
        foreach (var file in Directory.GetFiles(corpus).Where(file => !file.EndsWith("budget.pdf")))
            File.Delete(file);
        var degraded = await WithinAsync(TimeSpan.FromSeconds(30), async () => (string?)(await HealthAsync(server))["status"] == "Degraded");
        Assert.True(degraded, "the failed rebuild was not reported within 30 s");
        Assert.Contains("budget.pdf: an encrypted PDF", (string?)(await HealthAsync(server))["index"]!["buildFailure"]);
        Assert.NotNull(await SourceOfAsync(server, "香港有約幾多間金融科技公司？"));
    }

    private static async Task<JObject> HealthAsync(BotServer server)
    {
        using var response = await server.Client.GetAsync("/healthz");
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> GenerationAsync(BotServer server)
    {
        using var response = await server.Client.GetAsync("/healthz");
        return (long)JObject.Parse(await response.Content.ReadAsStringAsync())["index"]!["generation"]!;
    }

    /// <summary>The source line of the answer card, or null when the question was declined.</summary>
    private static async Task<string?> SourceOfAsync(BotServer server, string question)
    {
        var reply = (await server.ExchangeAsync(Json("message", question))).Single();
        return Texts(Card(reply)).FirstOrDefault(text => text.StartsWith("資料來源："));
    }

    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
                return true;
            await Task.Delay(200);
        }
        return false;
    }

    /// <summary>Four clients asking without pause, counting every answer that is not a 200.</summary>
    private sealed class Load : IDisposable
    {
        private static readonly string[] Questions = ["研究船可以載幾多個科研人員？", "自動駕駛測試路段有幾長？", SpaceQuestion, "香港出行易係咩？", "help"];
        private readonly CancellationTokenSource stop = new();
        private readonly List<Task<(int, List<string>)>> clients;

        public Load(BotServer server) => clients = [.. Enumerable.Range(0, 4).Select(client => Task.Run(() => AskAsync(server, client)))];

        private async Task<(int, List<string>)> AskAsync(BotServer server, int client)
        {
            var (requests, failures) = (0, new List<string>());
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var activity = Json("message", Questions[(client + requests) % Questions.Length]);
                    activity["deliveryMode"] = "expectReplies";
                    using var response = await server.PostAsync(activity);
                    if (response.StatusCode != HttpStatusCode.OK)
                        failures.Add($"{(int)response.StatusCode}");
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                }
                requests++;
            }
            return (requests, failures);
        }

        public async Task<(int Requests, List<string> Failures)> StopAsync()
        {
            await stop.CancelAsync();
            var results = await Task.WhenAll(clients);
            return (results.Sum(result => result.Item1), [.. results.SelectMany(result => result.Item2)]);
        }

        public void Dispose() => stop.Cancel();
    }

    public void Dispose()
    {
        Directory.Delete(corpus, recursive: true);
        Directory.Delete(index, recursive: true);
        Directory.Delete(feedback, recursive: true);
    }
}
