using System.CommandLine;
using HkInnoBot.Search.Feedback;

namespace HkInnoBot.Indexer.Cli;

/// <summary>The 👎 questions, most frequent first: a work list for whoever maintains synonyms.txt and the corpus.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var log = new Option<string>("--feedback")
        {
            Description = "The bot's feedback log (rotated files beside it are read too)",
            DefaultValueFactory = _ => new FeedbackSettings().Path,
        };
        var command = new Command("review", "List the questions whose answers users marked unhelpful") { log };
        command.SetAction(parse =>
        {
            var votes = FeedbackLog.Read(new FeedbackSettings { Path = parse.GetValue(log)! }).ToList();
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
            return 0;
        });
        return command;
    }
}
