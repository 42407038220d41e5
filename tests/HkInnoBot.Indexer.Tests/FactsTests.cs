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
    [InlineData("數碼港投資創業基金投咗幾多間公司？金額多少？", AskedFact.Quantity, AskedFact.Money)]
    [InlineData("先进制造业中心在哪里？面积有多大", AskedFact.Place, AskedFact.Area)]
    [InlineData("第二届城市创科大挑战的主题是什么？什么时候开始的", AskedFact.Date)]
    public void EachClauseThatAsksIsAPartInOrder(string question, params AskedFact[] kinds) =>
        Assert.Equal(kinds, Facts.PartsOf(question).Select(part => part.Kind));

    [Fact]
    public void AClauseThatTellsAsksNothing() =>
        // 「location-based」 is a place word, but the clause tells the story; the count is asked after it.
        Assert.Equal([AskedFact.Quantity], Facts.PartsOf("我哋諗住做個 location-based app 用公共 Wi-Fi，全港有幾多個 Wi-Fi.HK hotspot？").Select(part => part.Kind));

    [Fact]
    public void APartKnowsItsMeasureWordNounYearsLimitAndFloor()
    {
        var part = Assert.Single(Facts.PartsOf("2019年每間公司最多可以請幾多個研究員？"));
        Assert.Equal(("个", "研究员"), (part.MeasureWord, part.Noun));
        Assert.Equal(["2019"], part.Years);
        Assert.True(part.PerUnit);
        Assert.True(part.Limit);
        Assert.True(Assert.Single(Facts.PartsOf("當中龍頭企業最少有幾家？")).Least);
    }

    [Fact]
    public void ACountOfThingsIsAQuantityWhateverTheWordBefore() =>
        // 資助 asks a sum, but a measure word counts projects.
        Assert.Equal(AskedFact.Quantity, Assert.Single(Facts.PartsOf("智慧交通基金資助了多少個項目？")).Kind);

    [Theory]
    [InlineData("香港科技園公司的行政總裁是誰？", "香港科技園公司", "行政總裁")]
    [InlineData("數碼港嘅地址係邊？", "數碼港", "地址")]
    [InlineData("科技券幾時截止申請？", "科技券", "截止")]
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
        Assert.False(answer.Answered);
        Assert.Contains(answer.Hits, hit => hit.Text.Contains("津貼", StringComparison.Ordinal));
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
    [InlineData("數碼港停車場點收費？")] // the topic is there, the fact is not: partial or declined, never answered
    [InlineData("公屋入息限額係幾多？")] // 公屋: a word rare in general writing that the text never uses
    [InlineData("薪俸稅的個人免稅額是多少？")]
    public void AQuestionTheTextDoesNotAnswerIsNotAnswered(string question) =>
        Assert.False(index.Answerer.Ask(question, 3).Answered);

    [Theory]
    [InlineData("2019年科技券批咗幾多宗申請？")] // the text gives the count up to February 2024
    [InlineData("轉數快喺2020年有幾多個帳戶？")]
    public void AYearTheTextGivesNoFigureForIsNotAnswered(string question) =>
        Assert.False(index.Answerer.Ask(question, 3).Answered);

    [Theory]
    [InlineData("香港有幾多間初創企業？")]
    [InlineData("微電子中心幾時落成？")]
    public void AFactTheTextGivesIsAnswered(string question) => Assert.True(index.Answerer.Ask(question, 3).Answered);
}
