using HkInnoBot.Search;
using HkInnoBot.Search.Analysis;
using ICU4N.Text;

namespace HkInnoBot.Indexer.Tests;

/// <summary>The lock-free script tables against ICU's own transliterator, which they replace on the hot path.</summary>
public class ChineseTextTests
{
    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SearchSettings.DefaultCorpusPath, "*.txt"))
            data.Add(File.ReadAllText(file));
        data.Add(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "questions.jsonl")));
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void TheTablesGiveWhatIcusTransliteratorGives(string text) =>
        Assert.Equal(Transliterator.GetInstance("[:Han:] Hant-Hans").Transliterate(text), ChineseText.ToSimplified(text));

    [Theory]
    [InlineData("我可以做甚麼？", "我可以做什么？")] // a word rule: 甚 alone stays 甚
    [InlineData("科技券計劃", "科技券计划")]
    [InlineData("「科技券」", "「科技券」")] // only Han is converted
    public void WordsConvertAsWholes(string traditional, string simplified) =>
        Assert.Equal(simplified, ChineseText.ToSimplified(traditional));

    [Fact]
    public void TextWithNothingToConvertIsReturnedAsItIs()
    {
        const string text = "InnoHK 5G";
        Assert.Same(text, ChineseText.ToSimplified(text));
    }

    [Fact]
    public void ManyThreadsConvertAtOnceWithTheSameResults()
    {
        var text = File.ReadAllText(Directory.GetFiles(SearchSettings.DefaultCorpusPath, "*.txt")[0]);
        var expected = ChineseText.NormalizeForSearch(text);
        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => results.Add(ChineseText.NormalizeForSearch(text)));
        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
