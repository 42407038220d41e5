using System.Text.Json;

namespace HkInnoBot.Search.Feedback;

/// <summary>A user's 👍 or 👎 on an answer. No user ids: the question and the passage are what a maintainer needs.</summary>
/// <param name="Changed">The vote replaces the opposite one given on the same answer in the same conversation, which
/// then no longer counts: the latest vote is the one that counts.</param>
public sealed record FeedbackEntry(DateTimeOffset Time, string Question, string PassageId, bool Helpful, bool Changed = false);

/// <summary>Where votes go: a JSONL file that is rotated at a size limit, keeping a fixed number of older files.</summary>
public sealed class FeedbackSettings
{
    public string Path { get; set; } = System.IO.Path.Combine(SearchSettings.DataFolder, "feedback", "feedback.jsonl");

    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Rotated files kept besides the current one (feedback.1.jsonl is the newest of them).</summary>
    public int KeptFiles { get; set; } = 4;
}

/// <summary>
/// The bounded, rotated vote log. The bot appends; the indexer's <c>review</c> command reads. One instance per
/// process: appends are serialised with a lock, and each append opens and closes the file, so rotation is simple.
/// </summary>
public sealed class FeedbackLog(FeedbackSettings settings)
{
    private readonly Lock gate = new();

    public void Append(FeedbackEntry entry)
    {
        var line = JsonSerializer.Serialize(entry, Json.Lines) + "\n";
        lock (gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Path))!);
            var current = new FileInfo(settings.Path);
            if (current.Exists && current.Length + System.Text.Encoding.UTF8.GetByteCount(line) > settings.MaxFileBytes)
                Rotate();
            File.AppendAllText(settings.Path, line);
        }
    }

    /// <summary>Every vote still kept, oldest first. Lines that are not votes (a torn write, a hand edit) are skipped.</summary>
    public static IEnumerable<FeedbackEntry> Read(FeedbackSettings settings)
    {
        for (var generation = settings.KeptFiles; generation >= 0; generation--)
        {
            var path = FileOf(settings, generation);
            if (!File.Exists(path))
                continue;
            foreach (var line in File.ReadLines(path))
                if (Parse(line) is { } entry)
                    yield return entry;
        }
    }

    private static FeedbackEntry? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<FeedbackEntry>(line, Json.Lines);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // feedback.jsonl → feedback.1.jsonl → … → feedback.{KeptFiles}.jsonl, and the oldest is dropped.
    private void Rotate()
    {
        File.Delete(FileOf(settings, settings.KeptFiles));
        for (var generation = settings.KeptFiles - 1; generation >= 0; generation--)
            if (File.Exists(FileOf(settings, generation)))
                File.Move(FileOf(settings, generation), FileOf(settings, generation + 1));
    }

    private static string FileOf(FeedbackSettings settings, int generation) => generation == 0
        ? settings.Path
        : Path.ChangeExtension(settings.Path, $"{generation}{Path.GetExtension(settings.Path)}");
}
