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
            var unhelpful = votes.Where(v => !v.Helpful)
                .GroupBy(v => (v.Question, v.PassageId))
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(v => v.Time))
                .ToList();
            Console.WriteLine($"{votes.Count} votes, {votes.Count(v => v.Helpful)} 👍, {votes.Count - votes.Count(v => v.Helpful)} 👎");
            foreach (var group in unhelpful)
                Console.WriteLine($"{group.Count(),4} × 👎  {group.Key.Question}  → {group.Key.PassageId}  (last {group.Max(v => v.Time):yyyy-MM-dd})");
            return 0;
        });
        return command;
    }
}
