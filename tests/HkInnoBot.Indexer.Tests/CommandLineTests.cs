using HkInnoBot.Search.Feedback;
using System.Diagnostics;
using System.Text.Json;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>The real indexer executable, run as a user would run it.</summary>
public class CommandLineTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    [Fact]
    public void BatchSearchWritesOneJsonObjectPerQuestionLine()
    {
        var (exit, stdout, _) = Run(["search", "--json", "--top", "2"], "科技券係咩？\n\n今晚食咩好\nInnoHK\n");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["科技券係咩？", "", "今晚食咩好", "InnoHK"], lines.Select(l => l.GetProperty("query").GetString()));
        Assert.Equal([true, false, false, true], lines.Select(l => l.GetProperty("answered").GetBoolean()));

        var hit = lines[0].GetProperty("hits")[0];
        Assert.Equal(2, lines[0].GetProperty("hits").GetArrayLength());
        Assert.Equal(1, hit.GetProperty("rank").GetInt32());
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        Assert.InRange(hit.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.StartsWith("innovation-and-technology.zh-Hant#", hit.GetProperty("id").GetString());
        Assert.Equal("數字經濟", hit.GetProperty("section").GetString());
        Assert.Equal("創新及科技", hit.GetProperty("title").GetString());
        Assert.StartsWith("「科技券」計劃獲業界的廣泛支持", hit.GetProperty("text").GetString());
    }

    [Fact]
    public void BatchSearchMarksARelatedPassageThatDoesNotGiveTheAskedFactAsPartial()
    {
        var (exit, stdout, _) = Run(["search", "--json"], "數碼港嘅地址係邊？\n數碼港有多少間初創企業？\n");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.False(lines[0].GetProperty("answered").GetBoolean());
        Assert.True(lines[0].GetProperty("partial").GetBoolean());
        Assert.Equal("數碼港", lines[0].GetProperty("mentioned").GetString());
        Assert.Equal("地址", lines[0].GetProperty("missing").GetString());
        Assert.Contains("數碼港", lines[0].GetProperty("hits")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("short").ValueKind);
        Assert.True(lines[1].GetProperty("answered").GetBoolean());
        Assert.False(lines[1].GetProperty("partial").GetBoolean());
    }

    [Fact]
    public void BatchSearchGivesTheShortAnswerTheUserSeesAndTheReadingOfASlip()
    {
        var (exit, stdout, _) = Run(["search", "--json"], "科技卷批咗幾多宗申請？\n科技券係咩？\n");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal("超過 32,000 宗", lines[0].GetProperty("short").GetString());
        Assert.Equal(["科技券"], lines[0].GetProperty("readAs").EnumerateArray().Select(word => word.GetString()));
        Assert.InRange(lines[0].GetProperty("probability").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("short").ValueKind);
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("readAs").ValueKind);
    }

    [Fact]
    public void HumanSearchShowsTheSourceAndSaysWhenThereIsNoAnswer()
    {
        var (_, answered, _) = Run(["search", "科技券係咩？", "--top", "1"]);
        Assert.Contains("**科技券**", answered);
        Assert.Contains("創新及科技 (2024-07-25)", answered);
        var (_, declined, _) = Run(["search", "How do I renew my passport?"]);
        Assert.Contains("No answer in the text", declined);
    }

    [Fact]
    public void EvalPrintsRecallPerLanguageAndTheUnanswerableHandling()
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file,
        [
            """{"id":"a","lang":"yue","q":"科技券係咩？","expect":["科技券"]}""",
            """{"id":"b","lang":"hans","q":"香港有多少间初创企业？","expect":["近4,300間初創企業"],"short":["近 4,300 間"]}""",
            """{"id":"c","lang":"oos","q":"How do I renew my passport?","expect":[]}""",
            """{"id":"d","lang":"oos","kind":"fact-absent","q":"数码港停车场怎么收费？","expect":[]}""",
        ]);
        var (exit, stdout, _) = Run(["eval", file]);
        Assert.Equal(0, exit);
        Assert.Matches(@"yue\s+1\s+1\.000\s+1\.000\s+1\.000\s+0", stdout);
        Assert.Matches(@"in-scope\s+2\s+1\.000", stdout);
        Assert.Contains("fact-absent: 1/1 declined", stdout);
        Assert.Matches(@"unanswerable declined or partial\s+2/2 \(100\.0 %\)", stdout);
        Assert.Matches(@"short answer holds gold\s+1/1 \(100\.0 %\)", stdout);
    }

    [Fact]
    public void EvalOfTheBankReportsTrainTestAndTheGap()
    {
        var (exit, stdout, _) = Run(["eval", Path.Combine(AppContext.BaseDirectory, "data", "bank")]);
        Assert.Equal(0, exit);
        Assert.Matches(@"\s+train\s+test\s+gap", stdout);
        Assert.Matches(@"R@1 \(answerable\)\s+\d+/\d+ \(\d+\.\d %\)\s+\d+/\d+ \(\d+\.\d %\)\s+[+-]?\d+\.\d", stdout);
        Assert.Contains("reliability", stdout);
    }

    [Fact]
    public void EvalRejectsAMalformedFileWithTheLineNumber()
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file, ["""{"id":"a","lang":"yue","q":"科技券係咩？","expect":["科技券"]}""", """{"id":"b","q":"no lang or expect"}"""]);
        var (exit, _, stderr) = Run(["eval", file]);
        Assert.Equal(2, exit);
        Assert.Contains($"{file}:2: not a question or conversation object", stderr);
    }

    [Fact]
    public void BuildReportsDocumentsPassagesAndTime()
    {
        var folder = TempFolder.Create("cli-index");
        var (exit, stdout, stderr) = Run(["build", "--index", folder, "--corpus", TestCorpora.Small]);
        Assert.Equal(0, exit);
        Assert.Matches(@"2 document\(s\), 7 passages, \d+\.\d\d s", stdout);
        Assert.Contains("marine.zh-Hant.txt: 3 passages", stderr);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void BuildSaysOnOneLineWhichFileItSkippedAndWhy()
    {
        var (folder, corpus) = (TempFolder.Create("cli-index"), TestCorpora.CopyOf(TestCorpora.Small));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "documents", "unreadable", "encrypted.pdf"), Path.Combine(corpus, "budget.pdf"));
        var (exit, stdout, stderr) = Run(["build", "--index", folder, "--corpus", corpus]);
        Assert.Equal(0, exit);
        Assert.Contains("2 document(s), 7 passages", stdout);
        Assert.Contains("skipped 1 file(s)", stdout);
        Assert.Single(stderr.Split('\n'), line => line.Contains("Skipped budget.pdf: an encrypted PDF"));

        File.Delete(Path.Combine(corpus, "budget.pdf"));
        foreach (var text in Directory.GetFiles(corpus, "*.txt").Where(file => !file.EndsWith("synonyms.txt")))
            File.Delete(text);
        (exit, _, stderr) = Run(["build", "--index", folder, "--corpus", corpus]);
        Assert.Equal(1, exit);
        Assert.Contains("Nothing built, the previous index stays: No documents in", stderr);
        Directory.Delete(folder, recursive: true);
        Directory.Delete(corpus, recursive: true);
    }

    [Fact]
    public void ReviewListsTheUnhelpfulQuestionsMostFrequentFirst()
    {
        var log = Path.Combine(TempFolder.Create("review"), "feedback.jsonl");
        var feedback = new HkInnoBot.Search.Feedback.FeedbackLog(new HkInnoBot.Search.Feedback.FeedbackSettings { Path = log });
        var now = DateTimeOffset.UtcNow;
        feedback.Append(new FeedbackEntry(now, "科技券係咩？", "doc#021", Helpful: true));
        feedback.Append(new FeedbackEntry(now, "電子錢包有幾多個牌？", "doc#094", Helpful: false));
        feedback.Append(new FeedbackEntry(now, "芯片廠喺邊？", "doc#034", Helpful: false));
        feedback.Append(new FeedbackEntry(now, "電子錢包有幾多個牌？", "doc#094", Helpful: false));
        // A 👎 changed to 👍 in its conversation counts as the 👍 alone.
        feedback.Append(new FeedbackEntry(now, "InnoHK 係咩？", "doc#050", Helpful: false));
        feedback.Append(new FeedbackEntry(now, "InnoHK 係咩？", "doc#050", Helpful: true, Changed: true));

        var (exit, stdout, _) = Run(["review", "--feedback", log]);

        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("5 votes, 2 👍, 3 👎", lines[0]);
        Assert.Matches(@"^\s+2 × 👎  電子錢包有幾多個牌？  → doc#094", lines[1]);
        Assert.Matches(@"^\s+1 × 👎  芯片廠喺邊？  → doc#034", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void ReviewUnansweredCountsAQuestionAskedInEitherScriptAsOne()
    {
        var log = Path.Combine(TempFolder.Create("review"), "feedback.jsonl");
        var feedback = new FeedbackLog(new FeedbackSettings { Path = log });
        var now = DateTimeOffset.UtcNow;
        feedback.Append(new UnansweredEntry(now.AddMinutes(-3), "書簿津貼幾時截止？", UnansweredEntry.Declined, "directline"));
        feedback.Append(new UnansweredEntry(now.AddMinutes(-2), "书簿津贴几时截止？", UnansweredEntry.Declined, "msteams"));
        feedback.Append(new UnansweredEntry(now.AddMinutes(-1), "數碼港嘅地址係邊？", UnansweredEntry.Partial, "directline"));
        feedback.Append(new FeedbackEntry(now, "科技券係咩？", "doc#021", Helpful: false));
        feedback.Append(new UnansweredEntry(now, "書簿津貼幾時截止？", UnansweredEntry.Declined, "directline"));

        var (exit, stdout, _) = Run(["review", "--unanswered", "--feedback", log]);

        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("4 unanswered questions (3 declined, 1 partial), 2 different", lines[0]);
        Assert.Matches(@"^\s+3 ×  書簿津貼幾時截止？  \(3 declined, 0 partial; last \d{4}-\d\d-\d\d\)$", lines[1]);
        Assert.Matches(@"^\s+1 ×  數碼港嘅地址係邊？  \(0 declined, 1 partial;", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    private (int Exit, string Stdout, string Stderr) Run(string[] arguments, string stdin = "")
    {
        var start = CommandLine.Start(arguments[0] != "review" && !arguments.Contains("--index")
            ? [.. arguments, "--index", index.Settings.IndexPath]
            : arguments);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
