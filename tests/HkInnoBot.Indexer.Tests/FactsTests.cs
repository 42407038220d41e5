using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>What a question asks for, and honest replies when the text speaks of the topic but not of that.</summary>
public class FactsTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    [Theory]
    [InlineData("數碼港停車場點收費？", AskedFact.Money)]
    [InlineData("科技券每个项目最多资助多少钱？", AskedFact.Money)]
    [InlineData("How much does it cost to rent an office?", AskedFact.Money)]
    [InlineData("微電子中心幾時落成？", AskedFact.Date)]
    [InlineData("城市創科大挑戰幾時截止報名？", AskedFact.Deadline)]
    [InlineData("香港科技園公司的行政總裁是誰？", AskedFact.Person)]
    [InlineData("Who heads the Digital Policy Office?", AskedFact.Person)]
    [InlineData("微电子中心建在哪里？", AskedFact.Place)]
    [InlineData("佢哋搬咗去邊？", AskedFact.Place)]
    [InlineData("「資助易」平台的網址是甚麼？", AskedFact.Contact)]
    [InlineData("用商業數據通借錢，利息係幾多厘？", AskedFact.Rate)]
    [InlineData("香港有幾多間初創企業？", AskedFact.Quantity)]
    [InlineData("科技園在全球排第幾？", AskedFact.Rank)]
    public void TheKindOfFactAskedIsRecognisedInEveryScript(string question, AskedFact asked) =>
        Assert.Equal(asked, Facts.AskedIn(question));

    [Theory]
    [InlineData("科技券係咩？")]
    [InlineData("「资助易」网上平台是谁推出的？")] // who, about a body: any passage naming it answers
    [InlineData("創業者可以去邊度攞種子資金？")] // where to get funding is which scheme, not a place
    [InlineData("那剩下的钱用在哪里？")] // where money goes is what it is spent on
    [InlineData("有冇一個網站可以搵晒政府資助計劃？")] // a website as the topic, not as the thing asked
    public void ExplanationsAndYesNoQuestionsAskForNoParticularFact(string question) => Assert.Null(Facts.AskedIn(question));

    [Theory]
    [InlineData(AskedFact.Money, "推行為期三年的 30 億元人工智能資助計劃。", true)]
    [InlineData(AskedFact.Money, "已批出超過 32,000 宗申請。", false)]
    [InlineData(AskedFact.Date, "微電子中心亦會在 2024 年內落成。", true)]
    [InlineData(AskedFact.Place, "研究中心設於西貢。", true)]
    [InlineData(AskedFact.Place, "微電子中心亦會在 2024 年內落成。", false)]
    [InlineData(AskedFact.Contact, "詳情請瀏覽 www.itf.gov.hk。", true)]
    [InlineData(AskedFact.Quantity, "為未來五至十年的發展制訂路徑。", true)]
    [InlineData(AskedFact.Quantity, "提供約 500 個配以輔助設施的住宿單位。", true)]
    [InlineData(AskedFact.Quantity, "在 2024 年內在港深創科園落成第一座住宿設施。", false)] // a year and an ordinal count nothing
    public void APassageGivesAFactOfTheKindOrNot(AskedFact asked, string passage, bool given) =>
        Assert.Equal(given, Facts.IsGivenIn(asked, null, "", passage));

    [Theory]
    [InlineData("那麼資助了多少個項目？", "透過 10 億元「智慧交通基金」，資助本地機構進行研究。", false)] // a sum is not a count
    [InlineData("那麼資助了多少個項目？", "基金已資助 26 個項目。", true)]
    [InlineData("5G 網絡覆蓋咗幾多人口？", "5G 網絡覆蓋超過九成人口。", true)] // a share answers it too
    [InlineData("香港有幾多間初創企業？", "香港共有近 4,300 間初創企業。", true)]
    public void A_count_asked_with_its_measure_word_is_given_by_a_counted_number(string question, string passage, bool given) =>
        Assert.Equal(given, Facts.IsGivenIn(AskedFact.Quantity, null, question, passage));

    [Fact]
    public void AFigureAskedPerSomethingNeedsAFigurePerSomething()
    {
        Assert.False(Facts.IsGivenIn(AskedFact.Money, null, "每間公司最多投資多少？", "基金已向 26 間公司投資超過 1.89 億元。"));
        Assert.True(Facts.IsGivenIn(AskedFact.Money, null, "每間公司最多投資多少？", "為每家企業提供最多兩億元的資助。"));
    }

    [Theory]
    [InlineData("數碼港停車場點收費？", "數碼港", "停車、收費")]
    [InlineData("数码港停车场怎么收费？", "数码港", "停车、收费")]
    [InlineData("香港科技園公司的行政總裁是誰？", "香港科技園公司", "行政總裁")]
    public void TheTopicWithoutTheFactAskedIsAPartialAnswer(string question, string mentioned, string missing)
    {
        var answer = index.Answerer.Ask(question, 3);
        Assert.Equal(AnswerStatus.Partial, answer.Status);
        Assert.False(answer.Answered);
        Assert.Equal((mentioned, missing), (answer.Mentioned, answer.Missing));
        Assert.Contains(mentioned, answer.Hits[0].Text);
    }

    [Theory]
    [InlineData("轉數快過數要唔要俾手續費？", "转数快", "手續費")] // the thing asked about, named in a yes-or-no question
    [InlineData("转数快转账需不需要手续费？", "转数快", "手续费")]
    public void AYesOrNoQuestionAboutAThingThePassageDoesNotNameIsPartial(string question, string mentioned, string named)
    {
        Assert.Null(Facts.AskedIn(question));
        Assert.Equal(named, Facts.NamedIn(question));
        var answer = index.Answerer.Ask(question, 3);
        Assert.Equal(AnswerStatus.Partial, answer.Status);
        Assert.Equal(mentioned, ChineseText.ComparisonKey(answer.Mentioned!));
    }

    [Fact]
    public void AnotherSchemesPassageNamingTheThingDoesNotAnswerAYesOrNoQuestion()
    {
        // 「研究人才庫」's passage names 生活津貼 and is almost as close; the question is about 科技券.
        var answer = index.Answerer.Ask("科技券有冇津貼？", 3);
        Assert.Equal(AnswerStatus.Partial, answer.Status);
        Assert.Equal(("科技券", "津貼"), (answer.Mentioned, answer.Missing));
        Assert.Contains(answer.Hits.Skip(1), hit => hit.Text.Contains("津貼", StringComparison.Ordinal));
    }

    [Fact]
    public void APassageFurtherDownThatNamesTheSameNamesAndGivesTheFactIsTheAnswer()
    {
        // The closest passage speaks of 人工智能 and 超算中心 in a scheme that uses it; the second says when it starts.
        var answer = index.Answerer.Ask("人工智能超算中心幾時開始？", 3);
        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Contains("2024 年起分階段設立人工智能超算中心", answer.Hits[0].Text);
        Assert.True(answer.Hits[1].Confidence > answer.Hits[0].Confidence + 0.1);
    }

    [Theory]
    [InlineData("公屋入息限額係幾多？")] // 公屋: a word rare in general writing that the text never uses
    [InlineData("薪俸稅的個人免稅額是多少？")]
    public void AQuestionAboutSomethingTheTextNeverNamesIsDeclined(string question) =>
        Assert.Equal(AnswerStatus.NoAnswer, index.Answerer.Ask(question, 3).Status);

    [Theory]
    [InlineData("香港有幾多間初創企業？")]
    [InlineData("微電子中心幾時落成？")]
    public void AFactTheTextGivesIsAnswered(string question) => Assert.True(index.Answerer.Ask(question, 3).Answered);
}
