using HkInnoBot.Search.Analysis;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

public class SearchTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    private readonly Answerer searcher = index.Answerer;

    [Theory]
    [InlineData("科技券係咩？", "「科技券」計劃")]
    [InlineData("香港有幾多間初創企業？", "近 4,300 間初創企業")]
    [InlineData("香港有多少間初創企業？", "近 4,300 間初創企業")]
    [InlineData("香港有多少间初创企业？", "近 4,300 間初創企業")]
    [InlineData("轉數快有幾多個帳戶登記？", "1,360 萬個帳戶")]
    [InlineData("InnoHK 首兩個平台專注甚麼？", "Health@InnoHK")]
    [InlineData("innohk研发平台在哪里", "Health@InnoHK")]
    [InlineData("全港有幾多個 Wi-Fi.HK 熱點？", "45,000 個")]
    [InlineData("5G 網絡覆蓋幾多人口？", "超過九成人口")]
    [InlineData("STEM 學生實習有咩資助？", "創科實習計劃")]
    [InlineData("IDEATION 係咩計劃？", "IDEATION")]
    [InlineData("數碼港元係咩", "數碼港元")]
    [InlineData("北部都會區嘅空間規劃", "北部都會區")]
    [InlineData("河套合作区由哪两个园区组成？", "深圳科創園區")]
    [InlineData("香港有幾多條海底電纜？", "12 個海底電纜系統")]
    [InlineData("微電子中心幾時落成", "微電子中心亦會在 2024 年內落成")]
    [InlineData("创新斗室有多少个住宿单位", "約 500 個")]
    [InlineData("商業數據通促成咗幾多宗貸款申請？", "13,000 宗")]
    public void TheAnsweringPassageComesFirst(string question, string expected)
    {
        var result = searcher.Ask(question, 3);
        Assert.True(result.Answered, $"declined: {question}");
        // A question in Simplified gets its passages in Simplified.
        Assert.Contains(ChineseText.ComparisonKey(expected), ChineseText.ComparisonKey(result.Hits[0].Text));
    }

    [Theory]
    [InlineData("科技券 資助企業", "去搵科技券同資助企業")]
    [InlineData("數碼港 初創企業 投資", "去數碼港搵初創企業同投資")]
    public void LightVerbsAndConjunctionsNeitherEarnNorDiluteConfidence(string topic, string question)
    {
        var plain = searcher.Ask(topic, 1).Hits[0];
        var asked = searcher.Ask(question, 1).Hits[0];
        Assert.Equal(plain.Id, asked.Id);
        Assert.Equal(plain.Confidence, asked.Confidence, precision: 3);
    }

    [Fact]
    public void WordsContainingALightVerbStayContent()
    {
        // 同 on its own is "and", but 共同 is part of a programme's name and must count where it is covered.
        var withWord = searcher.Ask("共同企業加速計劃", 1).Hits[0];
        var withoutWord = searcher.Ask("企業加速計劃", 1).Hits[0];
        Assert.Contains("共同企業加速計劃", withWord.Text);
        Assert.True(withWord.Confidence >= withoutWord.Confidence, $"{withWord.Confidence} < {withoutWord.Confidence}");
    }

    [Fact]
    public void AHitCarriesItsSourceAndMarksTheMatchedTermsOnTheTraditionalText()
    {
        var hit = searcher.Ask("科技券係咩？", 1).Hits.Single();
        Assert.Equal(1, hit.Rank);
        Assert.Equal("數字經濟", hit.Section);
        Assert.Equal("創新及科技", hit.Title);
        Assert.Equal("2024-07-25", hit.Updated);
        Assert.Matches(@"^innovation-and-technology\.zh-Hant#[0-9a-f]{10}$", hit.Id);
        Assert.Contains("**科技券**", hit.Highlighted);
        Assert.Equal(hit.Text, hit.Highlighted!.Replace("**", ""));
        Assert.InRange(hit.Confidence, 0.0, 1.0);
    }

    [Fact]
    public void OnlyMatchedWordsAreMarkedNotTheTextBetweenThem()
    {
        var hit = searcher.Ask("數碼港有幾多間初創喺園區入面？", 1).Hits[0];
        Assert.Contains("**數碼港**", hit.Highlighted);
        Assert.Contains("**初創企業**", hit.Highlighted);
        var marked = System.Text.RegularExpressions.Regex.Matches(hit.Highlighted!, @"\*\*([^*]+)\*\*").Select(m => m.Groups[1].Value);
        Assert.DoesNotContain(marked, span => span.Contains("旗艦"));
        Assert.DoesNotContain("****", hit.Highlighted);
    }

    [Fact]
    public void OneSearcherServesManyThreadsWithTheSameResults()
    {
        string[] questions = ["科技券係咩？", "香港有多少间初创企业？", "InnoHK", "電子錢包牌照", "How do I renew my passport?", "5G 覆蓋"];
        var expected = questions.Select(q => string.Join(",", searcher.Ask(q, 3).Hits.Select(h => h.Id + h.Highlighted))).ToList();

        var results = new System.Collections.Concurrent.ConcurrentBag<(int, string)>();
        Parallel.For(0, 600, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results.Add((i % questions.Length, string.Join(",", searcher.Ask(questions[i % questions.Length], 3).Hits.Select(h => h.Id + h.Highlighted)))));

        Assert.All(results, result => Assert.Equal(expected[result.Item1], result.Item2));
    }

    [Fact]
    public void OffsetPagesThroughTheSameRanking()
    {
        var firstSix = searcher.Ask("初創企業資助", 6).Hits;
        var secondPage = searcher.Ask("初創企業資助", 3, offset: 3).Hits;
        Assert.Equal(firstSix.Skip(3).Select(h => h.Id), secondPage.Select(h => h.Id));
        Assert.Equal([4, 5, 6], secondPage.Select(h => h.Rank));
    }

    [Theory]
    [InlineData(3, int.MaxValue)]
    [InlineData(int.MaxValue, 0)]
    [InlineData(int.MaxValue, int.MaxValue)]
    [InlineData(-5, -5)]
    public void PagingArgumentsOutOfRangeAreSafe(int top, int offset)
    {
        var result = searcher.Ask("初創企業", top, offset);
        Assert.True(result.Hits.Count <= index.Answerer.PassageCount);
    }

    [Fact]
    public void ConfidenceFallsDownTheRanking()
    {
        var hits = searcher.Ask("數碼港投資創業基金投資了多少間公司", 5).Hits;
        Assert.True(hits[0].Confidence > hits[^1].Confidence);
    }

    [Theory]
    [InlineData("How do I renew my passport?")]
    [InlineData("聽日去邊度行山好？")]
    [InlineData("差餉寬減幾時會有？")]
    [InlineData("今晚食咩好")]
    public void OffTopicQuestionsAreDeclined(string question) => Assert.False(searcher.Ask(question, 3).Answered);

    [Fact]
    public void APassageByIdIsMarkedForTheQuestion()
    {
        var id = searcher.Ask("科技券", 1).Hits[0].Id;
        var hit = searcher.Passage(searcher.Understand("科技券"), id);
        Assert.NotNull(hit);
        Assert.Contains("**科技券**", hit.Highlighted);
        Assert.Null(searcher.Passage(searcher.Understand("科技券"), "no-such#999"));
        var unmarked = searcher.Passage(searcher.Understand(""), id)!;
        Assert.Equal(unmarked.Text, unmarked.Highlighted);
    }

    public static TheoryData<string> BadInput => new()
    {
        "", " ", "\t\n", "？", "AND OR NOT * ? ~ : \" ( ) [ ] { } \\ /", "科技券 AND (\"InnoHK\" OR 5G~2)^3 [a TO z] field:*",
        "😀🚀🇭🇰", "科技券\0係\u200B咩\u200D", "\u202E\uFEFF", "\uD800 unpaired surrogate \uDC00", new string('科', 100_000),
        string.Concat(Enumerable.Repeat("數碼港 InnoHK 5G ", 6_000)), "<script>alert(1)</script>", "'; DROP TABLE passages; --",
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void AnyTextIsSafe(string question)
    {
        var result = searcher.Ask(question, 3);
        Assert.Equal(QueryText.Clean(question), result.Question.Text);
        Assert.All(result.Hits, hit => Assert.InRange(hit.Confidence, 0.0, 1.0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("？？？")]
    [InlineData("😀")]
    [InlineData("係咩？")]
    public void NothingToSearchForIsNoAnswerWithNoHits(string question)
    {
        var result = searcher.Ask(question, 3);
        Assert.False(result.Answered);
        Assert.Empty(result.Hits);
    }
}
