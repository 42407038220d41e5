using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

public class SynonymsTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    private static readonly Synonyms Rules = Synonyms.Parse(
    [
        "# bodies",
        "香港科技園公司, 科技園公司, HKSTP",
        "科技園, Science Park",
        "電子錢包, e-wallet => 儲值支付工具",
        "AI, 人工智能",
        "startup => 初創企業",
        "IT, 資訊科技",
        "",
    ]);

    [Fact]
    public void AnEquivalenceLineGivesEveryTermItsAlternatives()
    {
        var (phrase, start, alternatives) = Assert.Single(Rules.Find("HKSTP 有幾多間公司"));
        Assert.Equal(0, start);
        Assert.Equal("HKSTP", phrase);
        Assert.Equal(["hkstp", "香港科技园公司", "科技园公司"], alternatives);
    }

    [Fact]
    public void AOneWayLineMapsTheUsersWordToTheOfficialTermOnly()
    {
        Assert.Equal(["电子钱包", "储值支付工具"], Assert.Single(Rules.Find("電子錢包牌照")).Alternatives);
        Assert.Empty(Rules.Find("儲值支付工具"));
    }

    [Fact]
    public void TheLongerOfOverlappingPhrasesWins() =>
        Assert.Equal("科技園公司", Assert.Single(Rules.Find("科技園公司的投資基金")).Phrase);

    [Fact]
    public void OneSpellingServesBothScripts() =>
        Assert.Equal("科技园公司", Assert.Single(Rules.Find("科技园公司的投资基金")).Phrase);

    [Theory]
    [InlineData("AI 資助", "AI")]
    [InlineData("ai資助", "ai")]
    [InlineData("How many startups are there?", "startups")]
    public void AsciiTermsMatchWholeWordsIgnoringCaseAndPlural(string question, string phrase) =>
        Assert.Equal(phrase, Assert.Single(Rules.Find(question)).Phrase);

    [Theory]
    [InlineData("MAIL 服務")]
    [InlineData("TRAIN")]
    [InlineData("startupper")]
    public void AsciiTermsInsideOtherWordsDoNotMatch(string question) => Assert.Empty(Rules.Find(question));

    [Fact]
    public void An_acronym_that_is_also_an_English_word_matches_only_in_capitals()
    {
        Assert.Equal("IT", Assert.Single(Rules.Find("Is IT education funded?")).Phrase);
        Assert.Empty(Rules.Find("Is it funded?"));
    }

    [Theory]
    [InlineData("電子錢包牌照發咗幾多個？", "17 個儲值支付工具牌照")]
    [InlineData("加密貨幣交易平台有幾多個牌？", "兩個虛擬資產交易平台牌照")]
    [InlineData("HKSTP 投資咗幾多間科技企業？", "科技企業投資基金")]
    [InlineData("Cyberport 有幾多間初創？", "超過 900 間駐園區")]
    [InlineData("ASTRI 係咩機構？", "香港應用科技研究院")]
    [InlineData("iAM Smart 提供幾多項網上服務？", "約 340 項")]
    [InlineData("FPS 有幾多個帳戶登記？", "1,360 萬個帳戶")]
    [InlineData("How many fintech companies does Hong Kong have?", "約 1,000 間金融科技公司")]
    [InlineData("Which government office is in charge of digital policy?", "數字政策辦公室")]
    public void TheCorpusSynonymsLeadAliasesToTheirPassages(string question, string expected)
    {
        var result = index.Answerer.Ask(question, 1);
        Assert.True(result.Answered, $"declined: {question}");
        Assert.Contains(expected, result.Hits[0].Text);
    }
}
