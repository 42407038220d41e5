using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// `first-load [URL]`: how long the chat page takes to offer a send box, as a person on a phone network sees it: headless
/// Chromium (Debian's, with chromedriver) at phone size, DevTools' network presets and a CPU four times slower, a fresh
/// profile each time (an empty cache) and then a reload (a warm one). Prints the median of five loads for each.
/// Start the bot first, allowing one client more than ten new conversations a minute
/// (`DirectLine__ConversationsPerMinutePerClient=1000 dotnet run --project bot`); URL defaults to its address.
/// </summary>
public static class FirstLoad
{
    private const int Loads = 5;

    /// <summary>DevTools' presets: latency in ms, throughput in bytes a second (as DevTools sets them).</summary>
    private static readonly (string Name, double Latency, double Down, double Up)[] Networks =
    [
        ("no throttling", 0, -1, -1),
        ("Fast 4G", 60 * 2.75, 9_000_000 * 0.9 / 8, 1_500_000 * 0.9 / 8),
        ("Slow 4G", 150 * 3.75, 1_600_000 * 0.9 / 8, 750_000 * 0.9 / 8),
    ];

    public static void Run(string url)
    {
        Console.WriteLine($"{url}: first usable send box, median of {Loads} loads, 390×844, CPU 4× slower");
        foreach (var network in Networks)
        {
            var (cold, warm) = (new List<double>(), new List<double>());
            for (var i = 0; i < Loads; i++)
            {
                using var browser = Start();
                Throttle(browser, network.Latency, network.Down, network.Up);
                cold.Add(SendBoxAfter(browser, () => browser.Navigate().GoToUrl(url)));
                warm.Add(SendBoxAfter(browser, () => browser.Navigate().Refresh()));
            }
            Console.WriteLine($"  {network.Name,-14} empty cache {Median(cold),6:F2} s   reload {Median(warm),6:F2} s");
        }
    }

    /// <summary>Seconds from the navigation to Web Chat's send box in the page, ready for typing.</summary>
    private static double SendBoxAfter(ChromeDriver browser, Action navigate)
    {
        navigate();
        var javaScript = (IJavaScriptExecutor)browser;
        for (var polls = 0; polls < 1200; polls++)
        {
            // The send box exists, and the time from the navigation's start is read in the page.
            var at = javaScript.ExecuteScript("""
                const box = document.querySelector("[data-id='webchat-sendbox-input']");
                return box && !box.disabled ? performance.now() / 1000 : null;
                """);
            if (at is not null)
                return Convert.ToDouble(at);
            Thread.Sleep(25);
        }
        throw new TimeoutException("no send box within 30 s");
    }

    private static ChromeDriver Start()
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--window-size=390,844", "--lang=zh-HK", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={Directory.CreateTempSubdirectory("hkinnobot-first-load-").FullName}");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static void Throttle(ChromeDriver browser, double latency, double down, double up)
    {
        browser.ExecuteCdpCommand("Network.enable", []);
        browser.ExecuteCdpCommand("Network.emulateNetworkConditions", new Dictionary<string, object?>
        {
            ["offline"] = false, ["latency"] = latency, ["downloadThroughput"] = down, ["uploadThroughput"] = up,
        });
        browser.ExecuteCdpCommand("Emulation.setCPUThrottlingRate", new Dictionary<string, object?> { ["rate"] = 4 });
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
