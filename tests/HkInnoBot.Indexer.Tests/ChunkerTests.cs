using HkInnoBot.Search.Corpus;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;

using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

public class ChunkerTests
{
    private static readonly IReadOnlyList<Passage> Passages =
        Chunker.Split(CorpusDocument.LoadAll(TestCorpora.Shipped, long.MaxValue).Documents.Single(document => document.Id == "innovation-and-technology.zh-Hant")).ToList();

    [Fact]
    public void TheFactSheetHas98Passages() => Assert.Equal(98, Passages.Count);

    [Theory]
    [InlineData("勾劃出政府的數據治理理念")]
    [InlineData("並推動本港人工智能生態圈的發展。")]
    [InlineData("推動公營機構應用更多本地研發成果。")]
    public void BulletsCutByAPageBreakAreRejoined(string joined) =>
        Assert.Single(Passages, p => p.Text.Contains(joined));

    [Fact]
    public void SectionsAreTheSheetsHeadingsInOrder() => Assert.Equal(
        ["概況", "創科界持份者", "數字經濟", "科研基建", "推動研發", "培育和匯聚人才", "支援科技初創企業", "智慧城市", "金融科技"],
        Passages.Select(p => p.Section).Distinct());

    [Fact]
    public void DisplayTextHasNoBoldMarkersBulletsOrDateLines()
    {
        Assert.DoesNotContain(Passages, p => p.Text.Contains("**") || p.Text.StartsWith("- ") || p.Text.Contains("更新日期"));
        Assert.Contains(Passages, p => p.Text == "香港有約 1,000 間金融科技公司。");
    }

    [Fact]
    public void IdsAreTheDocumentAndAFingerprintOfTheText()
    {
        Assert.Matches(@"^innovation-and-technology\.zh-Hant#[0-9a-f]{10}$", Passages[0].Id);
        Assert.Equal(Passages.Count, Passages.Select(p => p.Id).Distinct().Count());
        Assert.StartsWith("憑藉國家「十四五」", Passages[0].Text);
        Assert.Equal("創新及科技", Passages[0].Document.Metadata.Title);
        Assert.Equal("2024-07-25", Passages[0].Document.Metadata.Updated);
    }

    [Fact]
    public void AParagraphWithoutHeadingKeepsTheCurrentSection()
    {
        var document = Documents.Load("t.txt",
            "標題\n\n甲節\n\n- 第一點。\n\n- 第二點斷開在\n\n頁尾的句子。\n\n乙節\n\n一段文字，沒有項目符號。\n\n（更新日期：2024 年 1 月 1 日）\n");
        Assert.Equal(
            [("甲節", "第一點。"), ("甲節", "第二點斷開在頁尾的句子。"), ("乙節", "一段文字，沒有項目符號。")],
            Chunker.Split(document).Select(p => (p.Section, p.Text)));
        Assert.Equal(("標題", "2024-01-01"), (document.Metadata.Title, document.Metadata.Updated));
    }

    [Fact]
    public void AParagraphTooLongForOneAnswerIsCutBetweenSentences()
    {
        var sentences = Enumerable.Range(1, 30).Select(n => $"第{n}句講述政策的一項措施，內容頗長而且需要完整地讀出來。").ToList();
        var document = Documents.Load("long.txt", "標題\n\n一節\n\n" + string.Concat(sentences) + "\n");
        var passages = Chunker.Split(document).Select(p => p.Text).ToList();

        Assert.True(passages.Count > 1);
        Assert.All(passages, text => Assert.InRange(text.Length, 1, Chunker.MaxPassageLength));
        Assert.All(passages, text => Assert.EndsWith("。", text));
        Assert.Equal(string.Concat(sentences), string.Concat(passages));
    }
}
