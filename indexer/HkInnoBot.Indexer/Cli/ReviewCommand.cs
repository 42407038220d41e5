using System.CommandLine;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Feedback;

namespace HkInnoBot.Indexer.Cli;

/// <summary>Work lists for whoever maintains synonyms.txt and the corpus: the 👎 questions, or the questions the text
/// could not answer, most frequent first.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var log = new Option<string>("--feedback")
        {
            Description = "The bot's feedback log (rotated files beside it are read too)",
            DefaultValueFactory = _ => new FeedbackSettings().Path,
        };
        var unanswered = new Option<bool>("--unanswered")
        {
            Description = "List the questions the text declined or answered only in part, instead of the 👎 ones",
        };
        var command = new Command("review", "List the questions whose answers users marked unhelpful, or that the text could not answer")
        {
            log, unanswered,
        };
        command.SetAction(parse =>
        {
            var settings = new FeedbackSettings { Path = parse.GetValue(log)! };
            if (parse.GetValue(unanswered))
                ListUnanswered(settings);
            else
                ListUnhelpful(settings);
            return 0;
        });
        return command;
    }

    private static void ListUnhelpful(FeedbackSettings settings)
    {
        var votes = FeedbackLog.Read(settings).ToList();
        // A changed vote counts, and the one it replaces no longer does.
        int Net(IEnumerable<FeedbackEntry> entries, bool helpful) =>
            entries.Count(v => v.Helpful == helpful) - entries.Count(v => v.Changed && v.Helpful != helpful);
        var unhelpful = votes.GroupBy(v => (v.Question, v.PassageId))
            .Select(g => (g.Key, Count: Net(g, helpful: false), Last: g.Max(v => v.Time)))
            .Where(g => g.Count > 0)
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Last)
            .ToList();
        Console.WriteLine($"{Net(votes, true) + Net(votes, false)} votes, {Net(votes, true)} 👍, {Net(votes, false)} 👎");
        foreach (var (key, count, last) in unhelpful)
            Console.WriteLine($"{count,4} × 👎  {key.Question}  → {key.PassageId}  (last {last:yyyy-MM-dd})");
    }

    /// <summary>A question asked in either script, or in full- or half-width characters, is one question; it is shown as
    /// last asked.</summary>
    private static void ListUnanswered(FeedbackSettings settings)
    {
        var questions = FeedbackLog.ReadUnanswered(settings).ToList();
        var groups = questions.GroupBy(question => ChineseText.ComparisonKey(question.Question.Trim()))
            .OrderByDescending(same => same.Count()).ThenByDescending(same => same.Max(question => question.Time))
            .ToList();
        Console.WriteLine($"{questions.Count} unanswered questions ({questions.Count(q => q.Outcome == UnansweredEntry.Declined)} declined, " +
                          $"{questions.Count(q => q.Outcome == UnansweredEntry.Partial)} partial), {groups.Count} different");
        foreach (var same in groups)
        {
            var last = same.MaxBy(question => question.Time)!;
            var partial = same.Count(question => question.Outcome == UnansweredEntry.Partial);
            Console.WriteLine($"{same.Count(),4} ×  {last.Question}  ({same.Count() - partial} declined, {partial} partial; last {last.Time:yyyy-MM-dd})");
        }
    }
}
