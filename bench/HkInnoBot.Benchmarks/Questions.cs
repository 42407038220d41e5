using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Benchmarks;

/// <summary>The project's question set (tests/data/questions.jsonl, copied next to the binaries), and a warm answerer.</summary>
public static class Questions
{
    public static readonly string File = Path.Combine(AppContext.BaseDirectory, "data", "questions.jsonl");

    public static IReadOnlyList<EvalQuestion> All() => EvalQuestion.Load(File);

    /// <summary>A temporary folder; the caller deletes it.</summary>
    public static string TempFolder(string purpose) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"hkinnobot-bench-{purpose}-{Guid.NewGuid():N}")).FullName;

    /// <summary>
    /// An answerer over a fresh index of <paramref name="settings"/>' corpus, asked every question a few times first: a
    /// serving bot is long warm, and a short job on a busy machine otherwise measures code the tiered JIT has not yet
    /// optimised (seen here: 5-15x slower than the same question in a warm process).
    /// </summary>
    public static Answerer WarmAnswerer(SearchSettings settings)
    {
        var answerer = Answerer.Open(settings, NullLogger.Instance);
        var questions = All();
        for (var pass = 0; pass < 3; pass++)
            foreach (var question in questions)
                answerer.Ask(question.Q, AnswerBenchmark.Top);
        return answerer;
    }
}
