using HkInnoBot.Search.Analysis;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

public class ShortAnswerTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    [Theory]
    [InlineData("香港有幾多間初創企業？", "近 4,300 間初創企業")]
    [InlineData("香港有多少间初创企业？", "近 4,300 间初创企业")]
    [InlineData("創新斗室提供多少個住宿單位？", "約 500 個配以輔助設施")]
    [InlineData("數碼港有幾多間初創喺園區入面？", "超過 900 間駐園區")]
    [InlineData("香港有幾多間金融科技公司？", "約 1,000 間金融科技公司")]
    [InlineData("研究人才庫最多資助聘請幾多名研究人才？", "最多四名研究人才進行")]
    [InlineData("微電子中心幾時落成？", "2024 年內")]
    [InlineData("數字政策辦公室何時成立？", "2024 年 7 月")]
    [InlineData("Z/Yen 智慧中心指數香港排第幾？", "全球第 10、亞太區第 2")]
    public void FiguresDatesAndRanksLeadTheAnswer(string question, string span)
    {
        Assert.Equal(span, index.Answerer.Ask(question, 1).ShortAnswer);
    }

    [Theory]
    [InlineData("科技券係咩？")]
    [InlineData("政府點樣吸引人才？")]
    public void OtherQuestionsHaveNoShortAnswer(string question) =>
        Assert.Null(index.Answerer.Ask(question, 1).ShortAnswer);

    [Fact]
    public void APassageWithoutAFigureHasNoShortAnswer() => Assert.Null(Facts.ShortAnswer(AskedFact.Quantity, "有", "推動創科發展。"));
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
