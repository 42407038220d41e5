using BenchmarkDotNet.Attributes;
using HkInnoBot.Search.Analysis;
using Lucene.Net.Analysis;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// What analysing a question costs in each field, the floor under every search: SmartCn's word segmentation (after the
/// Traditional→Simplified character filter) and the CJK pairs. Each operation is one question of the set, as typed.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmark
{
    [Params(ChineseAnalysis.WordsField, ChineseAnalysis.BigramsField)]
    public string Field { get; set; } = ChineseAnalysis.WordsField;

    private readonly Analyzer analyzer = ChineseAnalysis.Create();
    private string[] questions = [];
    private int next;

    [GlobalSetup]
    public void Open()
    {
        ChineseAnalysis.Warm(analyzer);
        questions = [.. Questions.All().Select(question => question.Q)];
    }

    [GlobalCleanup]
    public void Close() => analyzer.Dispose();

    [Benchmark]
    public int Analyse() => ChineseAnalysis.Tokens(analyzer, Field, questions[next++ % questions.Length]).Count;
}
