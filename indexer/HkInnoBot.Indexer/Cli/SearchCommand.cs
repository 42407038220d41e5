using System.CommandLine;
using System.Text.Json;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Indexer.Cli;

internal static class SearchCommand
{
    public static Command Create()
    {
        var question = new Argument<string?>("question") { Description = "The question; without it, one question per line is read from stdin", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "Number of passages", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "One JSON object per question" };
        var command = CommonOptions.IndexCommand("search", "Search the index");
        command.Arguments.Add(question);
        command.Options.Add(top);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            using var logging = CommonOptions.Logging(LogLevel.Warning);
            using var answerer = Answerer.Open(CommonOptions.Settings(parse), logging.CreateLogger("indexer"));
            var questions = parse.GetValue(question) is { } single ? [single] : ReadLines(Console.In);
            foreach (var q in questions)
            {
                var answer = answerer.Ask(q, parse.GetValue(top), highlighted: parse.GetValue(json) ? 0 : int.MaxValue);
                Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(BatchLine(q, answer), Json.Lines) : Describe(answer));
            }
            return 0;
        });
        return command;
    }

    private static IEnumerable<string> ReadLines(TextReader input)
    {
        while (input.ReadLine() is { } line)
            yield return line;
    }

    // The batch contract: {"query","answered","partial","mentioned","missing","hits":[{"rank","score","confidence","id",
    // "section","title","text"}]}; mentioned and missing are null unless partial.
    private static object BatchLine(string query, Answer answer) => new
    {
        query,
        answered = answer.Answered,
        // Related but not an answer: the text speaks of what the question mentions, not of what it asks.
        partial = answer.Status == AnswerStatus.Partial,
        mentioned = answer.Mentioned,
        missing = answer.Missing,
        hits = answer.Hits.Select(hit => new { hit.Rank, hit.Score, hit.Confidence, hit.Id, hit.Section, hit.Title, hit.Text }),
    };

    private static string Describe(Answer answer)
    {
        var lines = new List<string> { $"Q: {answer.Question.Text}" };
        if (answer.Status == AnswerStatus.Unavailable)
            lines.Add("No index: build it with `build`.");
        else if (answer.Status == AnswerStatus.Partial)
            lines.Add($"The text mentions {answer.Mentioned} but not {answer.Missing ?? answer.Question.Asks.ToString()}. Related passages:");
        else if (!answer.Answered)
            lines.Add("No answer in the text. Nearest passages:");
        if (answer.ShortAnswer is { } shortAnswer)
            lines.Add($"A: {shortAnswer}");
        lines.AddRange(answer.Hits.Select(hit =>
            $"{hit.Rank}. [{hit.Section}] confidence {hit.Confidence:F2}, score {hit.Score:F2}, {hit.Id}\n   {hit.Highlighted}\n   — {hit.Title} ({hit.Updated})"));
        return string.Join('\n', lines) + "\n";
    }
}
