using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Benchmarks;

/// <summary>One question answered as the bot asks it (its best passage highlighted, alternatives and one more to tell
/// whether there are more), on one shared answerer, for one question of each kind in the project's question set.</summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class AnswerBenchmark
{
    /// <summary>What the bot asks for: the answer, two alternatives, and one more to tell whether there are more.</summary>
    public const int Top = 4;

    internal sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }

    /// <summary>A question and the kind it stands for; the kind names the row in the summary table.</summary>
    public sealed record Case(string Kind, string Text)
    {
        public override string ToString() => Kind;
    }

    // (lang, style) in questions.jsonl → the first question of that kind.
    private static readonly (string Kind, string Lang, string Style)[] Kinds =
    [
        ("hant-direct", "hant", "direct"),
        ("hans-direct", "hans", "direct"),
        ("yue-direct", "yue", "direct"),
        ("mixed-direct", "mixed", "direct"),
        ("en-direct", "en", "direct"),
        ("hant-paraphrase", "hant", "paraphrase"),
        ("oos-near-miss", "oos", "near-miss"),
    ];

    public static IEnumerable<Case> Cases()
    {
        var questions = Questions.All();
        foreach (var (kind, lang, style) in Kinds)
            yield return new Case(kind, questions.First(q => q.Lang == lang && q.Style == style).Q);
        yield return new Case("garbage-100KB", Garbage(100 * 1024));
    }

    /// <summary>Seeded random text: ASCII, CJK ideographs, punctuation and whitespace, <paramref name="length"/> chars.</summary>
    private static string Garbage(int length)
    {
        var random = new Random(42);
        const string punctuation = "？！。，、；：「」（）?!.,;:()[]{}<>*\"'\\/+-&|~^ \t\n";
        return string.Create(length, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = r.Next(3) switch
                {
                    0 => (char)r.Next(0x21, 0x7F),
                    1 => (char)r.Next(0x4E00, 0x9FA6),
                    _ => punctuation[r.Next(punctuation.Length)],
                };
        });
    }

    [ParamsSource(nameof(Cases))]
    public Case Question { get; set; } = null!;

    private SearchSettings settings = null!;
    private Answerer answerer = null!;

    [GlobalSetup]
    public void Open()
    {
        settings = new SearchSettings { IndexPath = Questions.TempFolder("index") };
        answerer = Questions.WarmAnswerer(settings);
    }

    [GlobalCleanup]
    public void Close()
    {
        answerer.Dispose();
        Directory.Delete(settings.IndexPath, recursive: true);
    }

    [Benchmark]
    public Answer Ask() => answerer.Ask(Question.Text, Top);
}
