using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using HkInnoBot.Indexer.Index;
using HkInnoBot.Indexer.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Benchmarks;

/// <summary>Search(q, 3) on one shared searcher, for one question of each kind in the project's question set.</summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class SearchBenchmark
{
    private sealed class Percentiles : ManualConfig
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

    private const int WarmupPasses = 3;

    private SearchSettings settings = null!;
    private PassageSearcher searcher = null!;

    [GlobalSetup]
    public void OpenSearcher()
    {
        settings = new SearchSettings { IndexPath = Questions.TempIndexFolder() };
        searcher = PassageIndex.OpenOrBuild(settings, NullLogger.Instance);
        // A serving bot is long warm. Without this, a short job on a busy machine measures code the tiered JIT has
        // not yet optimized (seen here: 5-15x slower than the same search in a warm process).
        var questions = Questions.All();
        for (var pass = 0; pass < WarmupPasses; pass++)
            foreach (var question in questions)
                searcher.Search(question.Q, 3);
    }

    [GlobalCleanup]
    public void CloseSearcher()
    {
        searcher.Dispose();
        Directory.Delete(settings.IndexPath, recursive: true);
    }

    [Benchmark]
    public SearchResult Search() => searcher.Search(Question.Text, 3);
}
