using HkInnoBot.Indexer.Evaluation;

namespace HkInnoBot.Benchmarks;

/// <summary>The project's question set (tests/data/questions.jsonl, copied next to the binaries).</summary>
public static class Questions
{
    public static readonly string File = Path.Combine(AppContext.BaseDirectory, "data", "questions.jsonl");

    public static IReadOnlyList<EvalQuestion> All() => EvalQuestion.Load(File);

    /// <summary>A temporary index folder; the caller deletes it.</summary>
    public static string TempIndexFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"hkinnobot-bench-{Guid.NewGuid():N}")).FullName;
}
