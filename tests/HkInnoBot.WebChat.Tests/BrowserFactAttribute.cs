namespace HkInnoBot.WebChat.Tests;

/// <summary>
/// A test that drives Debian's headless Chromium through chromedriver. Where they are not installed the test is
/// skipped, saying why and how to install them; in CI (CI=true) it always runs, so a missing browser fails there.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        var missing = new[] { Chromium, ChromeDriver }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0 && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"Skipped: the browser test needs {string.Join(" and ", missing)} " +
                   "(`apt-get install -y chromium chromium-driver`, as .ci/run does).";
    }
}
