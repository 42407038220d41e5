using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

public class ShortAnswerTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    [Theory]
    [InlineData("香港有幾多間初創企業？", "近 4,300 間初創企業")]
    [InlineData("香港有多少间初创企业？", "近 4,300 间初创企业")]
    [InlineData("創新斗室提供多少個住宿單位？", "約 500 個")]
    [InlineData("香港有幾多間金融科技公司？", "約 1,000 間")]
    [InlineData("研究人才庫最多資助聘請幾多名研究人才？", "最多四名")]
    [InlineData("微電子中心幾時落成？", "2024 年內")]
    [InlineData("數字政策辦公室何時成立？", "2024 年 7 月")]
    [InlineData("Z/Yen 智慧中心指數香港排第幾？", "全球第 10、亞太區第 2")]
    [InlineData("新型工業加速計劃每家企業最多可獲多少資助？", "最多兩億元")] // the cap per company, not the scheme's 100 億元
    [InlineData("新型工業化及科技培訓計劃政府同企業點樣分攤？", "2（政府）：1（企業）")]
    public void FiguresDatesRanksAndRatiosLeadTheAnswer(string question, string span) =>
        Assert.Equal(span, index.Answerer.Ask(question, 1).ShortAnswer);

    [Theory]
    [InlineData("科技券係咩？")]
    [InlineData("政府點樣吸引人才？")]
    public void OtherQuestionsHaveNoShortAnswer(string question) =>
        Assert.Null(index.Answerer.Ask(question, 1).ShortAnswer);

    [Fact]
    public void ATwoPartQuestionGetsBothParts()
    {
        var answer = index.Answerer.Ask("先进制造业中心在哪里？面积有多大", 1);

        Assert.Equal([AskedFact.Place, AskedFact.Area], answer.ShortParts.Select(part => part.Kind));
        Assert.Equal("将军澳创新园；约 108,600 平方米", answer.ShortAnswer);
    }

    [Theory]
    [InlineData("家")]
    [InlineData("間")]
    [InlineData("個")]
    [InlineData("所")]
    public void WhicheverMeasureWordCountsTheCompaniesTheCountIsTheSame(string measureWord) =>
        Assert.Equal("近 4,300 間初創企業", index.Answerer.Ask($"香港有多少{measureWord}初創企業？", 1).ShortAnswer);

    /// <summary>Over every question of the bank: a short answer shown is a whole phrase of its passage — a figure with
    /// its unit, and a counted noun only when it ends its clause — never cut inside a word or run on into the next
    /// words (「超過 32,000 宗」, not 「…宗來自本地企業」).</summary>
    [Fact]
    [Trait("Speed", "Slow")]
    public void EveryShortAnswerOverTheBankEndsAtAPhraseBoundary()
    {
        var bank = QuestionBank.Load(Path.Combine(AppContext.BaseDirectory, "data", "bank"));
        var shown = 0;
        foreach (var question in bank.Train.Concat(bank.Test).Where(question => question.Conversation is null))
        {
            var answer = index.Answerer.Ask(question.Q, 1);
            foreach (var part in answer.ShortParts.Where(part => part.Text is not null))
            {
                shown++;
                var passage = answer.Hits[0].Text.Replace("**", "");
                // Where the span stands: a text the passage holds more than once (香港) is taken from one of its places.
                var ends = Enumerable.Range(0, passage.Length).Where(at => passage.AsSpan(at).StartsWith(part.Text!, StringComparison.Ordinal))
                    .Select(at => at + part.Text!.Length).ToList();
                Assert.True(ends.Count > 0, $"「{part.Text}」 is not a span of its passage");
                Assert.True(ends.Any(end => EndsAPhrase(part.Text!) || end == passage.Length || !IsHan(passage[end])
                    || part.Kind is AskedFact.Name or AskedFact.Place or AskedFact.Person && NameEnds.Contains(passage[end])),
                    $"{question.Id}: 「{part.Text}」 runs on into 「{passage[ends[0]..Math.Min(passage.Length, ends[0] + 6)]}」");
            }
        }
        Assert.True(shown > 500, $"only {shown} short answers shown");
    }

    // A figure's unit, a date, a share, a rank or a closing quote ends a phrase whatever follows.
    private static bool EndsAPhrase(string span) =>
        char.IsAsciiDigit(span[^1]) || "%％）」》元米間间個个家所宗項项條条名座枚支位隻只架部款次隊队台類类種种屆届期年月日底初內内中起成大一二三四五六七八九十半".Contains(span[^1])
        || ChineseText.ComparisonKey(span).EndsWith("阶段", StringComparison.Ordinal);

    // A name ends where the passage goes on with what it does (數碼港已推行…, 位於將軍澳創新園的…).
    private const string NameEnds = "的設设開开成興兴落提投已於于將将會会正亦為为由向與与推資资";

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9fff';
}

public class ScriptTests
{
    [Theory]
    [InlineData("香港有多少间初创企业？", Script.Simplified)]
    [InlineData("科技园有哪些培育计划？", Script.Simplified)]
    [InlineData("香港有幾多間初創企業？", Script.Traditional)]
    [InlineData("科技券係咩？", Script.Traditional)]
    [InlineData("InnoHK", Script.Traditional)]
    [InlineData("香港", Script.Traditional)]
    public void TheQuestionsScriptIsDetected(string question, Script script) => Assert.Equal(script, ChineseText.DetectScript(question));

    [Fact]
    public void SimplifiedDisplayKeepsTheEmphasis() =>
        Assert.Equal("「**科技券**」计划获业界的广泛支持", ChineseText.InScript("「**科技券**」計劃獲業界的廣泛支持", Script.Simplified));
}
