using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// The same questions on a corpus 100 times the seed's size: 100 documents, each the seed with its clauses rotated and
/// its figures changed, so terms, postings and passage counts grow as they would with 100 fact sheets.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AnswerBenchmark.Percentiles))]
public partial class LargeCorpusBenchmark
{
    private const int Documents = 100;

    [ParamsSource(nameof(Cases))]
    public AnswerBenchmark.Case Question { get; set; } = null!;

    public static IEnumerable<AnswerBenchmark.Case> Cases() => AnswerBenchmark.Cases();

    private SearchSettings settings = null!;
    private Answerer answerer = null!;

    [GlobalSetup]
    public void Open()
    {
        settings = new SearchSettings { IndexPath = Questions.TempFolder("index"), CorpusPath = Generate(Questions.TempFolder("corpus")) };
        answerer = Questions.WarmAnswerer(settings);
        Console.WriteLine($"// {answerer.PassageCount} passages in {Documents} documents");
    }

    [GlobalCleanup]
    public void Close()
    {
        answerer.Dispose();
        Directory.Delete(settings.IndexPath, recursive: true);
        Directory.Delete(settings.CorpusPath, recursive: true);
    }

    [Benchmark]
    public Answer Ask() => answerer.Ask(Question.Text, AnswerBenchmark.Top);

    /// <summary>Writes the generated corpus (and the seed's synonyms) into <paramref name="folder"/>.</summary>
    public static string Generate(string folder)
    {
        var seed = SearchSettings.DefaultCorpusPath;
        var text = File.ReadAllText(Path.Combine(seed, "innovation-and-technology.zh-Hant.txt"));
        File.Copy(Path.Combine(seed, "synonyms.txt"), Path.Combine(folder, "synonyms.txt"), overwrite: true);
        for (var n = 0; n < Documents; n++)
        {
            var id = $"sheet-{n:D3}";
            var variant = string.Join('\n', text.Split('\n').Select(line => Rotate(line, n)));
            variant = Digit().Replace(variant, digit => ((digit.Value[0] - '0' + n) % 10).ToString());
            File.WriteAllText(Path.Combine(folder, id + ".txt"), variant);
            File.WriteAllText(Path.Combine(folder, id + ".meta.json"),
                $$"""{ "title": "創新及科技 {{n}}", "publisher": "HKSAR Government", "updated": "2024-07-25", "language": "zh-Hant" }""");
        }
        return folder;
    }

    // A bullet's clauses in another order: the same vocabulary, other neighbours, still one sentence.
    private static string Rotate(string line, int by)
    {
        if (!line.StartsWith("- ") || !line.EndsWith('。'))
            return line;
        var clauses = line[2..^1].Split('，');
        var start = by % clauses.Length;
        return "- " + string.Join('，', clauses.Skip(start).Concat(clauses.Take(start))) + "。";
    }

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();
}
