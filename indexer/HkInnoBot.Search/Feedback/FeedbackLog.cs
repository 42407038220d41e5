using System.Text.Json;

namespace HkInnoBot.Search.Feedback;

/// <summary>A line of the feedback log.</summary>
public interface ILogLine
{
    DateTimeOffset Time { get; }
}

/// <summary>A user's 👍 or 👎 on an answer. No user ids: the question and the passage are what a maintainer needs.</summary>
/// <param name="Changed">The vote replaces the opposite one given on the same answer in the same conversation, which
/// then no longer counts: the latest vote is the one that counts.</param>
public sealed record FeedbackEntry(DateTimeOffset Time, string Question, string PassageId, bool Helpful, bool Changed = false) : ILogLine;

/// <summary>A question the text could not answer: declined, or answered only in part (the text speaks of its topic, not
/// of what it asks). The question as asked, the outcome, when, and the channel; no user or conversation ids.</summary>
public sealed record UnansweredEntry(DateTimeOffset Time, string Question, string Outcome, string Channel) : ILogLine
{
    public const string Declined = "declined", Partial = "partial";
}

/// <summary>Where votes and unanswered questions go: a JSONL file that is rotated at a size limit, keeping a fixed
/// number of older files, and read back for no longer than the retention period.</summary>
public sealed class FeedbackSettings
{
    public string Path { get; set; } = System.IO.Path.Combine(SearchSettings.DataFolder, "feedback", "feedback.jsonl");

    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Rotated files kept besides the current one (feedback.1.jsonl is the newest of them).</summary>
    public int KeptFiles { get; set; } = 4;

    /// <summary>How long what users asked is kept: older lines are not read, and rotated files all older are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}

/// <summary>
/// The bounded, rotated log of votes and unanswered questions. The bot appends; the indexer's <c>review</c> command
/// reads. One instance per process: appends are serialised with a lock, and each append opens and closes the file, so
/// rotation is simple.
/// </summary>
public sealed class FeedbackLog(FeedbackSettings settings, TimeProvider? clock = null)
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public void Append(FeedbackEntry vote) => Append(JsonSerializer.Serialize(vote, Json.Lines));

    public void Append(UnansweredEntry question) => Append(JsonSerializer.Serialize(question, Json.Lines));

    private void Append(string json)
    {
        var line = json + "\n";
        lock (gate)
        {
            var current = new FileInfo(settings.Path);
            if (!current.Exists)
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Path))!);
            else if (current.Length + System.Text.Encoding.UTF8.GetByteCount(line) > settings.MaxFileBytes)
                Rotate();
            File.AppendAllText(settings.Path, line);
        }
    }

    /// <summary>Every vote kept and within the retention period, oldest first.</summary>
    public static IEnumerable<FeedbackEntry> Read(FeedbackSettings settings, TimeProvider? clock = null) =>
        Entries<FeedbackEntry>(settings, clock).Where(vote => vote.PassageId is not null);

    /// <summary>Every unanswered question kept and within the retention period, oldest first.</summary>
    public static IEnumerable<UnansweredEntry> ReadUnanswered(FeedbackSettings settings, TimeProvider? clock = null) =>
        Entries<UnansweredEntry>(settings, clock).Where(question => question.Outcome is not null);

    /// <summary>The lines read as <typeparamref name="T"/>: a line of the other kind reads with its fields missing, and
    /// lines that are not JSON (a torn write, a hand edit) are skipped.</summary>
    private static IEnumerable<T> Entries<T>(FeedbackSettings settings, TimeProvider? clock) where T : class, ILogLine
    {
        var since = (clock ?? TimeProvider.System).GetUtcNow() - settings.Retention;
        for (var generation = settings.KeptFiles; generation >= 0; generation--)
        {
            var path = FileOf(settings, generation);
            if (!File.Exists(path))
                continue;
            foreach (var line in File.ReadLines(path))
                if (Parse<T>(line) is { } entry && entry.Time >= since)
                    yield return entry;
        }
    }

    private static T? Parse<T>(string line) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, Json.Lines);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    // feedback.jsonl → feedback.1.jsonl → … → feedback.{KeptFiles}.jsonl, and the oldest is dropped, as is any rotated
    // file whose every line is past the retention period.
    private void Rotate()
    {
        File.Delete(FileOf(settings, settings.KeptFiles));
        for (var generation = settings.KeptFiles - 1; generation >= 0; generation--)
            if (File.Exists(FileOf(settings, generation)))
                File.Move(FileOf(settings, generation), FileOf(settings, generation + 1));
        var since = clock.GetUtcNow() - settings.Retention;
        for (var generation = 1; generation <= settings.KeptFiles; generation++)
            if (new FileInfo(FileOf(settings, generation)) is { Exists: true } old && old.LastWriteTimeUtc < since)
                old.Delete();
    }

    private static string FileOf(FeedbackSettings settings, int generation) => generation == 0
        ? settings.Path
        : Path.ChangeExtension(settings.Path, $"{generation}{Path.GetExtension(settings.Path)}");
}
