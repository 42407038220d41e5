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
        var explain = new Option<bool>("--explain") { Description = "Also show what each decision model read and concluded" };
        var after = new Option<string?>("--after") { Description = "Ask the question as a follow-up of this one, in one conversation" };
        var command = CommonOptions.IndexCommand("search", "Search the index");
        command.Arguments.Add(question);
        command.Options.Add(top);
        command.Options.Add(json);
        command.Options.Add(explain);
        command.Options.Add(after);
        command.SetAction(parse =>
        {
            using var logging = CommonOptions.Logging(LogLevel.Warning);
            using var answerer = Answerer.Open(CommonOptions.Settings(parse), logging.CreateLogger("indexer"));
            var questions = parse.GetValue(question) is { } single ? [single] : ReadLines(Console.In);
            foreach (var q in questions)
            {
                var context = parse.GetValue(after) is { } previous ? answerer.Ask(answerer.Understand(previous), null).Context : null;
                var answer = answerer.Ask(answerer.Understand(q), context, parse.GetValue(top), highlighted: parse.GetValue(json) ? 0 : int.MaxValue);
                Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(BatchLine(q, answer), Json.Lines) : Describe(answer));
                if (parse.GetValue(explain))
                    Console.WriteLine(Explain(answerer.Deliberate(answerer.Understand(q), context).Deliberation));
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

    // The batch contract: {"query","answered","partial","mentioned","missing","short","readAs","probability","hits":[{"rank",
    // "score","confidence","id","section","title","text"}]}; mentioned and missing are null unless partial; short is the
    // short answer the user sees (null when none); readAs the words slips were read as (null when none).
    private static object BatchLine(string query, Answer answer) => new
    {
        query,
        answered = answer.Answered,
        @short = answer.ShortAnswer,
        readAs = answer.ReadAs,
        probability = answer.Probability is { } p ? Math.Round(p, 4) : (double?)null,
        // Related but not an answer: the text speaks of what the question mentions, not of what it asks.
        partial = answer.Status == AnswerStatus.Partial,
        mentioned = answer.Mentioned,
        missing = answer.Missing,
        hits = answer.Hits.Select(hit => new { hit.Rank, hit.Score, hit.Confidence, hit.Id, hit.Section, hit.Title, hit.Updated, hit.Document, hit.Page, hit.Url, hit.Text }),
    };

    /// <summary>Each passage the answer model weighed, with what it read and its probability, and the spans weighed
    /// for each part of the question.</summary>
    private static string Explain(Deliberation deliberation)
    {
        var lines = new List<string>();
        if (deliberation.ContextFeatures is { } context)
            lines.Add($"  context p={deliberation.ContextProbability:F3} (read as 「{deliberation.InContext!.Question.Text}」, {deliberation.InContext.Status}): " +
                string.Join(", ", Evidence.ContextFeatureNames.Select((name, i) => $"{name} {context[i]:0.##}")));
        foreach (var passage in deliberation.Alone?.Passages ?? [])
        {
            lines.Add($"  p={passage.Probability:F3} {passage.PassageId}: " +
                string.Join(", ", Evidence.AnswerFeatureNames.Select((name, i) => $"{name} {passage.Features[i]:0.##}")));
            lines.AddRange(passage.Spans.OrderByDescending(span => span.Probability).Take(4).Select(span =>
                $"      part {span.Part}: p={span.Probability:F3} 「{span.Text}」 " +
                string.Join(", ", ShortAnswers.FeatureNames.Select((name, i) => (name, value: span.Features[i])).Where(f => f.value != 0).Select(f => $"{f.name} {f.value:0.##}"))));
        }
        return string.Join('\n', lines);
    }

    private static string Describe(Answer answer)
    {
        var lines = new List<string> { $"Q: {answer.Question.Text}" };
        if (answer.Status == AnswerStatus.Unavailable)
            lines.Add("No index: build it with `build`.");
        else if (answer.Status == AnswerStatus.Partial)
            lines.Add($"The text mentions {answer.Mentioned} but not {answer.Missing ?? answer.Question.Asks.ToString()}. Related passages:");
        else if (!answer.Answered)
            lines.Add("No answer in the text. Nearest passages:");
        if (answer.Understood is { } understood)
            lines.Add($"(a follow-up about {answer.About}, understood as: {understood.Text})");
        if (answer.ReadAs is { } readAs)
            lines.Add($"(searched as {string.Join(", ", readAs)})");
        if (answer.ShortAnswer is { } shortAnswer)
            lines.Add($"A: {shortAnswer}");
        lines.AddRange(answer.Hits.Select(hit =>
            $"{hit.Rank}. [{hit.Section}] confidence {hit.Confidence:F2}, score {hit.Score:F2}, {hit.Id}\n   {hit.Highlighted}\n   — {hit.Title} ({hit.Updated})"
            + (hit.Page is { } page ? $", page {page}" : "") + $", {hit.Document}" + (hit.Url is { } url ? $", {url}" : "")));
        return string.Join('\n', lines) + "\n";
    }
}
