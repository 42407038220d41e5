using HkInnoBot.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace HkInnoBot.WebChat.Tests;

/// <summary>A person's view: the real page in headless Chromium, talking to the real bot over the built-in Direct Line.</summary>
[Collection(WebChatCollection.Name)]
public sealed class BrowserTests(ShippedIndex index, ITestOutputHelper output)
{
    private const string Question = "科技券係咩？";

    /// <summary>Outside the repository, so a run never leaves files in the work tree.</summary>
    public static readonly string ScreenshotPath = Path.Combine(Path.GetTempPath(), "hkinnobot-webchat.png");

    [BrowserFact]
    public void The_page_welcomes_then_answers_a_Chinese_question_with_the_passage()
    {
        var best = index.Answerer.Ask(Question, top: 1).Hits[0];
        using var server = new WebChatServer(index.IndexPath);
        using var browser = StartChromium();
        try
        {
            browser.Navigate().GoToUrl(server.BaseAddress);
            var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(60));

            // The welcome arrives before anything is typed.
            wait.Until(_ => Transcript(browser).Count >= 1);
            Assert.Contains("你好", Transcript(browser)[0].Text);

            var sendBox = wait.Until(b => b.FindElement(By.CssSelector("[data-id='webchat-sendbox-input']")));
            // Focused on load: a visitor can type at once.
            wait.Until(b => b.SwitchTo().ActiveElement().GetAttribute("data-id") == "webchat-sendbox-input");
            sendBox.SendKeys(Question);
            sendBox.SendKeys(Keys.Enter);

            var passageStart = best.Text[..20];
            wait.Until(_ => Transcript(browser).Count >= 3 && Transcript(browser)[^1].Text.Contains(passageStart));
            Assert.Contains(Question, Transcript(browser)[^2].Text);
            Assert.Contains("科技券", Transcript(browser)[^1].Text);
        }
        finally
        {
            ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(ScreenshotPath);
            output.WriteLine($"Screenshot: {ScreenshotPath}");
        }
    }

    [BrowserFact]
    public void When_the_bot_stops_mid_chat_the_page_says_so()
    {
        var server = new WebChatServer(index.IndexPath);
        using var browser = StartChromium();
        browser.Navigate().GoToUrl(server.BaseAddress);
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(60));
        wait.Until(_ => Transcript(browser).Count >= 1);
        var status = browser.FindElement(By.Id("chat-status"));
        Assert.False(status.Displayed);

        server.Dispose();

        wait.Until(_ => status.Displayed);
        Assert.Contains("連線中斷", status.Text);
    }

    private static IReadOnlyList<IWebElement> Transcript(IWebDriver browser) =>
        browser.FindElements(By.CssSelector(".webchat__basic-transcript__activity"));

    private static ChromeDriver StartChromium()
    {
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1100", "--lang=zh-HK",
            // The machine has no network beyond loopback: without these Chromium's background services stall it.
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={Directory.CreateTempSubdirectory("hkinnobot-chromium-").FullName}");
        var service = ChromeDriverService.CreateDefaultService(
            Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver), Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
