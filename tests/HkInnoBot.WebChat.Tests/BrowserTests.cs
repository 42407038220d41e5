using HkInnoBot.Search.Feedback;
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
    public void On_a_phone_and_a_desktop_each_answer_shows_its_passage_on_screen_and_keeps_its_votes()
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

                // Web Chat's own 👍/👎 under the last answer, big enough for a finger, and still under each earlier
                // answer. A vote is thanked; pressing the other changes it, and the page and the log agree on it.
                var answer = Transcript(browser)[^1];
                var thumbs = answer.FindElements(By.CssSelector(".webchat__thumb-button"));
                Assert.Equal(2, thumbs.Count);
                Assert.All(thumbs, thumb => Assert.True(thumb.Size.Height >= 44 && thumb.Size.Width >= 44, $"{size}: a thumb of {thumb.Size}"));
                // The time (「剛剛」) stands on the buttons' line, not a line above them: where its text is drawn, not its
                // box, which the status line stretches to the buttons' height.
                var middles = (IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript("""
                    const time = arguments[0].querySelector(".webchat__activity-status--slotted > [aria-hidden='true']");
                    const text = document.createRange();
                    text.selectNodeContents(time);
                    const [t, b] = [text.getBoundingClientRect(), arguments[1].getBoundingClientRect()];
                    return [(t.top + t.bottom) / 2, (b.top + b.bottom) / 2];
                    """, answer, thumbs[0])!;
                var (timeMiddle, thumbMiddle) = (Convert.ToDouble(middles.First()), Convert.ToDouble(middles.Last()));
                Assert.True(Math.Abs(timeMiddle - thumbMiddle) <= 4, $"{size}: the time's middle at {timeMiddle} px, the buttons' at {thumbMiddle} px");
                Assert.Equal(2, Transcript(browser)[^3].FindElements(By.CssSelector(".webchat__thumb-button")).Count);
                thumbs[1].Click();
                wait.Until(_ => File.Exists(feedback) && File.ReadAllLines(feedback).Length == 1);
                wait.Until(_ => Transcript(browser)[^1].Text.Contains("多謝你的意見"));
                thumbs = answer.FindElements(By.CssSelector(".webchat__thumb-button"));
                thumbs[0].Click();
                wait.Until(_ => File.ReadAllLines(feedback).Length == 2);
                Assert.Contains("webchat__thumb-button--is-pressed", answer.FindElements(By.CssSelector(".webchat__thumb-button"))[0].GetAttribute("class"));
                var latest = FeedbackLog.Read(new FeedbackSettings { Path = feedback }).Last();
                Assert.Equal((true, true), (latest.Helpful, latest.Changed));
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

    /// <summary>A person on a phone: the related passages are a list in the card that leaves the chat on screen and
    /// opens by a tap; a reload goes on with the conversation; a long Chinese message is answered; "新對話" starts
    /// afresh.</summary>
    [BrowserFact]
    public void On_a_phone_the_related_passages_open_a_reload_keeps_the_conversation_and_a_long_message_is_answered()
    {
        // Every passage counts as close, so the answer lists related ones.
        using var server = new WebChatServer(index.IndexPath, new() { ["Answers:CloseConfidenceMargin"] = "1" });
        using var browser = StartChromium(390, 844);
        var screenshot = Path.Combine(Path.GetTempPath(), "hkinnobot-webchat-phone-related.png");
        try
        {
            browser.Navigate().GoToUrl(server.BaseAddress);
            var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(60));
            Ask(browser, wait, "數字政策辦公室係咩？", "數字政策辦公室");

            var related = Transcript(browser)[^1].FindElements(By.CssSelector(".ac-pushButton")).Where(button => button.Text.StartsWith("相關：")).ToList();
            Assert.NotEmpty(related);
            Assert.All(related, item => Assert.True(item.Size.Height >= 44, $"a related line of {item.Size}"));
            // The chat stays on screen: nothing drawn over it, no menu pushed onto the send box.
            Assert.True(Height(browser, ".webchat__basic-transcript__scrollable") > 400);
            Assert.Empty(browser.FindElements(By.CssSelector("[aria-label='More options'], .ac-overflow-button")));
            // A screen reader names a reply's parts in Chinese, not in Web Chat's fixed English.
            Assert.Empty(browser.FindElements(By.CssSelector("[aria-roledescription='message'], [aria-roledescription='attachment']")));
            Assert.NotEmpty(browser.FindElements(By.CssSelector("[aria-roledescription='訊息']")));
            Assert.NotEmpty(browser.FindElements(By.CssSelector("[aria-roledescription='附件']")));
            // By keyboard: the button focused, Enter opens the passage.
            var section = related[0].Text["相關：".Length..].Split('｜')[0];
            var replies = Transcript(browser).Count;
            ((IJavaScriptExecutor)browser).ExecuteScript("arguments[0].focus()", related[0]);
            related[0].SendKeys(Keys.Enter);
            wait.Until(_ => Transcript(browser).Count > replies && FromBot(Transcript(browser)[^1]) && Transcript(browser)[^1].Text.Contains(section));

            // A reload in the same tab: the history comes back, and a follow-up is read with it.
            browser.Navigate().Refresh();
            wait.Until(_ => Transcript(browser).Count >= replies + 1 && Transcript(browser).Any(activity => activity.Text.Contains("數字政策辦公室係咩？")));
            Ask(browser, wait, "幾時成立？", "2024 年 7 月");
            Assert.Contains("理解為：", Transcript(browser)[^1].Text);

            // 3,000 Chinese characters: more than the search reads, and the reply says so.
            var input = browser.FindElement(By.CssSelector("[data-id='webchat-sendbox-input']"));
            ((IJavaScriptExecutor)browser).ExecuteScript("arguments[0].focus()", input);
            input.SendKeys(string.Concat(Enumerable.Repeat("科技券係咩？", 500)));
            input.SendKeys(Keys.Enter);
            wait.Until(_ => Transcript(browser).Any(activity => activity.Text.Contains("我只按首")));

            // A new conversation starts afresh: the welcome alone.
            browser.FindElement(By.Id("new-conversation")).Click();
            wait.Until(_ => Transcript(browser).Count == 1 && Transcript(browser)[0].Text.Contains("你好"));
        }
        finally
        {
            ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(screenshot);
            output.WriteLine($"Screenshot (phone, related passages): {screenshot}");
        }
    }

    /// <summary>Asks and waits for the bot's reply holding <paramref name="expected"/>.</summary>
    private static void Ask(IWebDriver browser, WebDriverWait wait, string question, string expected)
    {
        var replies = Transcript(browser).Count;
        var input = wait.Until(b => b.FindElement(By.CssSelector("[data-id='webchat-sendbox-input']")));
        input.SendKeys(question);
        input.SendKeys(Keys.Enter);
        wait.Until(_ => Transcript(browser) is var now && now.Count >= replies + 2 && FromBot(now[^1]) && now[^1].Text.Contains(expected));
    }

    private static bool FromBot(IWebElement activity) =>
        activity.FindElements(By.CssSelector(".webchat__stacked-layout--from-user")).Count == 0;

    private static long Height(IWebDriver browser, string selector) =>
        (long)((IJavaScriptExecutor)browser).ExecuteScript($"return Math.round(document.querySelector(\"{selector}\").getBoundingClientRect().height);")!;

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
