using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Indexer.Tests;

public class AnalysisTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = ChineseAnalysis.Create();

    [Theory]
    [InlineData("數碼港投資創業基金", "数码港投资创业基金")]
    [InlineData("香港應用科技研究院", "香港应用科技研究院")]
    [InlineData("儲值支付工具牌照", "储值支付工具牌照")]
    [InlineData("發展藍圖與計劃", "发展蓝图与计划")]
    public void TraditionalAndSimplifiedGiveTheSameTerms(string traditional, string simplified)
    {
        foreach (var field in new[] { ChineseAnalysis.WordsField, ChineseAnalysis.BigramsField })
            Assert.Equal(ChineseAnalysis.Terms(Analyzer, field, simplified), ChineseAnalysis.Terms(Analyzer, field, traditional));
    }

    [Fact]
    public void SmartCnSegmentsTheConvertedTextIntoWords() =>
        Assert.Equal(["数码", "港", "投资", "基金"], ChineseAnalysis.Terms(Analyzer, ChineseAnalysis.WordsField, "數碼港投資基金"));

    [Theory]
    [InlineData("InnoHK", "innohk")]
    [InlineData("STEM", "stem")]
    [InlineData("5G", "5g")]
    [InlineData("ＩＤＥＡＴＩＯＮ", "ideation")]
    public void AsciiTermsMatchIgnoringCaseAndWidth(string typed, string term) =>
        Assert.Contains(term, ChineseAnalysis.Terms(Analyzer, ChineseAnalysis.BigramsField, typed));

    [Fact]
    public void WiFiHkMatchesTheSheetsSpelling() =>
        Assert.Superset(
            ChineseAnalysis.Terms(Analyzer, ChineseAnalysis.BigramsField, "Wi-Fi.HK").Where(t => t != "fi.hk").ToHashSet(),
            ChineseAnalysis.Terms(Analyzer, ChineseAnalysis.BigramsField, "「Wi-Fi. HK」").ToHashSet());

    [Fact]
    public void ConversionKeepsOffsetsOnTheOriginalText()
    {
        const string text = "「科技券」計劃獲業界的廣泛支持";
        Assert.Equal(text.Length, ChineseText.NormalizeForSearch(text).Length);
        Assert.Equal("「科技券」计划获业界的广泛支持", ChineseText.NormalizeForSearch(text));
    }

    [Theory]
    [InlineData("科技券係咩？", "科技券")]
    [InlineData("科技券系咩嚟？", "科技券系")]
    [InlineData("香港有幾多間初創企業？", "香港有 初創企業")] // the measure word asks with 幾多, whichever the asker picks
    [InlineData("百項方案幾時開始推？", "百項方案 開始推")]
    [InlineData("政府點樣吸引人才？", "政府 吸引人才")]
    [InlineData("有冇資助大學買儀器？", "資助大學買儀器")]
    [InlineData("邊度可以申請？", "可以申請")]
    [InlineData("数码港有几多间初创？", "数码港有 初创")]
    [InlineData("兩地關係係點？", "兩地關係是點")]
    [InlineData("科技券的目的", "科技券的目的")]
    [InlineData("微電子中心落成了嗎？", "微電子中心落成了")]
    [InlineData("舊年批出咗幾多科技券？", "去年批出了 科技券")]
    [InlineData("佢哋仲有啲咩計劃？", "他們還有些 計劃")]
    [InlineData("個平台搞掂晒未？", "個平台完成")]
    [InlineData("用轉數快要唔要俾手續費？", "用轉數快要給手續費")] // a verb asked with its negation keeps the verb
    [InlineData("转数快需不需要手续费？", "转数快需要手续费")]
    [InlineData("大學需唔需要配對資金？", "大學需要配對資金")]
    [InlineData("大學需要不需要配對資金？", "大學需要配對資金")]
    public void CantoneseAndQuestionWordsBecomeTheTopic(string question, string topic) =>
        Assert.Equal(topic, QueryText.Prepare(QueryText.Clean(question)));

    // Standard written words that contain a Cantonese form's characters.
    [Theory]
    [InlineData("推出年度計劃")]
    [InlineData("帶頭先行")]
    [InlineData("往返工作")]
    [InlineData("依家庭收入")]
    [InlineData("人工智能及人工島")]
    [InlineData("衰老細胞研究")]
    [InlineData("填埋及仲裁")]
    [InlineData("推動不同範疇")] // a negation between two different characters asks nothing
    public void StandardWrittenWordsSurviveTheCantoneseRewrite(string text) =>
        Assert.Equal(text, QueryText.Prepare(text));

    [Fact]
    public void CleaningCapsLengthAndDropsInvisibleCharacters()
    {
        Assert.Equal(QueryText.MaxLength, QueryText.Clean(new string('科', 100_000)).Length);
        QueryText.Clean(new string('科', QueryText.MaxLength + 1), out var cut);
        Assert.True(cut);
        Assert.Equal("a 科技券", QueryText.Clean("a" + new string(' ', 300) + "科技券"));
        QueryText.Clean("a" + new string(' ', 300) + "科技券", out cut);
        Assert.False(cut);
        Assert.Equal(QueryText.MaxLength - 1, QueryText.Clean(new string('科', QueryText.MaxLength - 1) + "😀").Length);
        Assert.Equal("科技 券", QueryText.Clean("科技\0券\u202E")); // a control character separates, a direction mark goes
        Assert.Equal("", QueryText.Clean(null));
    }

    [Theory]
    [InlineData("科技\u200b券係咩？")] // a zero-width space, as pasted from a web page
    [InlineData("科技\u200d券係咩？")] // a zero-width joiner
    [InlineData("科技\u00ad券係咩？")] // a soft hyphen
    [InlineData("\ufeff科技券係咩？")] // a byte-order mark
    [InlineData("&#31185;&#25216;&#21048;係咩？")] // HTML character references
    [InlineData("&#x79D1;&#x6280;&#x5238;係咩？")]
    public void WhatAQuestionCarriesInvisiblyIsCleanedBeforeAnythingReadsIt(string question) =>
        Assert.Equal("科技券係咩？", QueryText.Clean(question));

    [Fact]
    public void ALinkPastedBesideTheQuestionIsNotSearched()
    {
        Assert.Equal("科技券點申請", QueryText.Prepare(QueryText.Clean("https://www.itf.gov.hk/tc/funding-programmes/tvp.html 科技券點申請？")));
        Assert.Equal("科技券 點申請", QueryText.Prepare(QueryText.Clean("科技券 www.itf.gov.hk 點申請？")));
    }
}
