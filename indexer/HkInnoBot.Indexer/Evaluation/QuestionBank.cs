namespace HkInnoBot.Indexer.Evaluation;

/// <summary>
/// The question bank (tests/data/bank): questions and conversations written from the text by independent writers, each
/// writer's lines in one file, split once by writer into <c>train/</c> and <c>test/</c>. Decisions are fitted and tuned
/// on train only; test is what the figures promise on questions nobody tuned for. The project's own sets, written
/// before the bank beside it (tests/data/questions.jsonl and conversations.jsonl), join train.
/// </summary>
public sealed record QuestionBank(IReadOnlyList<EvalQuestion> Train, IReadOnlyList<EvalQuestion> Test)
{
    public const string TrainFolder = "train", TestFolder = "test";

    public static bool IsBank(string path) => Directory.Exists(Path.Combine(path, TrainFolder)) && Directory.Exists(Path.Combine(path, TestFolder));

    public static QuestionBank Load(string path) => new(LoadSplit(path, TrainFolder), LoadSplit(path, TestFolder));

    /// <summary>The project's own sets, beside the bank folder: they join train.</summary>
    public static readonly IReadOnlyList<string> OwnSets = ["questions.jsonl", "conversations.jsonl"];

    /// <summary>The files of one split, in name order, so every run reads them alike.</summary>
    public static IReadOnlyList<string> Files(string path, string split)
    {
        var files = Directory.GetFiles(Path.Combine(path, split), "*.jsonl").Order(StringComparer.Ordinal).ToList();
        if (split == TrainFolder)
            files.AddRange(OwnSets.Select(own => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar))!, own)).Where(File.Exists));
        return files;
    }

    private static IReadOnlyList<EvalQuestion> LoadSplit(string path, string split) =>
        [.. Files(path, split).SelectMany(EvalQuestion.Load)];
}
