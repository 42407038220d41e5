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
    public void On_a_phone_and_a_desktop_each_answer_shows_its_passage_on_screen_and_takes_one_vote()
    {
        string[] questions = ["科技券係咩？", "数码港有多少间初创企业？", "香港科技園公司支援幾多間科技公司？"];
        foreach (var (size, width, height) in new[] { ("phone", 390, 844), ("desktop", 1280, 900) })
        {
            var feedback = Path.Combine(TempFolder.Create("browser-votes"), "feedback.jsonl");
            using var server = new WebChatServer(index.IndexPath, new() { ["Feedback:Path"] = feedback });
            using var browser = StartChromium(width, height);
            var screenshot = Path.Combine(Path.GetTempPath(), $"hkinnobot-webchat-{size}.png");
            try
            {
                browser.Navigate().GoToUrl(server.BaseAddress);
                var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(60));
                var sendBox = wait.Until(b => b.FindElement(By.CssSelector("[data-id='webchat-sendbox-input']")));
                foreach (var question in questions)
                {
                    var passageStart = index.Answerer.Ask(question, top: 1).Hits[0].Text[..12];
                    sendBox.SendKeys(question);
                    sendBox.SendKeys(Keys.Enter);
                    wait.Until(_ => Transcript(browser)[^1].Text.Contains(passageStart));
                    // Drawn once (the reply's text is not repeated above the card), and on screen as it arrives: the
                    // buttons below it do not push it out of view.
                    Assert.Single(Occurrences(Transcript(browser)[^1].Text, passageStart));
                    WaitForScrollingToSettle(browser);
                    Assert.True(IsOnScreen(browser, passageStart), $"{size}: the passage of 「{question}」 is scrolled out of view");
                }

                // Web Chat's own 👍/👎 under the last answer: the first vote counts, pressing the other does not.
                var thumbs = Transcript(browser)[^1].FindElements(By.CssSelector(".webchat__thumb-button"));
                Assert.Equal(2, thumbs.Count);
                var replies = Transcript(browser).Count;
                thumbs[1].Click();
                wait.Until(_ => File.Exists(feedback) && File.ReadAllLines(feedback).Length == 1);
                Assert.Contains("webchat__thumb-button--is-pressed", thumbs[1].GetAttribute("class"));
                thumbs[0].Click();
                Thread.Sleep(TimeSpan.FromSeconds(3));
                Assert.Equal(replies, Transcript(browser).Count);
                Assert.Single(File.ReadAllLines(feedback));
            }
            finally
            {
                ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
                output.WriteLine($"Screenshot ({size}, {width}×{height}): {screenshot}");
            }
        }
    }

    private static IEnumerable<int> Occurrences(string text, string part)
    {
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
            yield return at;
    }

    // Web Chat scrolls a new reply into view smoothly; what counts is where it comes to rest.
    private static void WaitForScrollingToSettle(IWebDriver browser)
    {
        object? Position() => ((IJavaScriptExecutor)browser).ExecuteScript(
            "return document.querySelector('.webchat__basic-transcript__scrollable').scrollTop;");
        var last = Position();
        for (var i = 0; i < 50; i++)
        {
            Thread.Sleep(200);
            var now = Position();
            if (Equals(now, last))
                return;
            last = now;
        }
    }

    // Whether the start of the passage lies within the transcript's visible area.
    private static bool IsOnScreen(IWebDriver browser, string passageStart) =>
        (bool)((IJavaScriptExecutor)browser).ExecuteScript("""
            const activities = document.querySelectorAll('.webchat__basic-transcript__activity');
            const last = activities[activities.length - 1];
            const block = [...last.querySelectorAll('.ac-textBlock')].find(element => element.textContent.includes(arguments[0]));
            const view = document.querySelector('.webchat__basic-transcript__scrollable').getBoundingClientRect();
            const passage = block.getBoundingClientRect();
            return passage.top >= view.top - 1 && passage.top + 20 <= view.bottom;
            """, passageStart)!;

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

    private static ChromeDriver StartChromium(int width = 1000, int height = 1100)
    {
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", $"--window-size={width},{height}", "--lang=zh-HK",
            // The machine has no network beyond loopback: without these Chromium's background services stall it.
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={Directory.CreateTempSubdirectory("hkinnobot-chromium-").FullName}");
        var service = ChromeDriverService.CreateDefaultService(
            Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver), Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
