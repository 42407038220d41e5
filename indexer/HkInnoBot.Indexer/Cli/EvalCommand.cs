using System.CommandLine;
using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Indexer.Cli;

internal static class EvalCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("questions")
        {
            Description = "A question bank folder (train/ and test/ of JSONL files: both splits are reported, and the gap), " +
                "or one JSONL file of questions {\"id\",\"lang\",\"q\",\"expect\",…} or conversations {\"id\",\"lang\",\"turns\":[…]}",
        };
        var misses = new Option<bool>("--misses") { Description = "Also list the questions handled wrongly" };
        var ablation = new Option<bool>("--ablation") { Description = "Compare with each query-understanding step switched off" };
        var command = CommonOptions.IndexCommand("eval", "Measure retrieval, answering and declining on a question bank or file");
        command.Arguments.Add(path);
        command.Options.Add(misses);
        command.Options.Add(ablation);
        command.SetAction(parse =>
        {
            var source = parse.GetValue(path)!;
            IReadOnlyList<(string Name, IReadOnlyList<EvalQuestion> Questions)> sets;
            try
            {
                sets = QuestionBank.IsBank(source)
                    ? QuestionBank.Load(source) is var bank ? [(QuestionBank.TrainFolder, bank.Train), (QuestionBank.TestFolder, bank.Test)] : []
                    : [(Path.GetFileName(source), EvalQuestion.Load(source))];
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                Console.Error.WriteLine($"eval: {e.Message}");
                return 2;
            }
            var settings = CommonOptions.Settings(parse);
            List<IReadOnlyList<EvalOutcome>> outcomes;
            using (var logging = CommonOptions.Logging(LogLevel.Warning))
            using (var answerer = Answerer.Open(settings, logging.CreateLogger("indexer")))
                outcomes = [.. sets.Select(set => Evaluator.Run(answerer, set.Questions))];
            foreach (var (set, outcome) in sets.Zip(outcomes))
                PrintRecall(set.Name, outcome);
            PrintFigures([.. sets.Select(set => set.Name)], [.. outcomes.Select(Figures.Of)]);
            foreach (var (set, outcome) in sets.Zip(outcomes))
                PrintReliability(set.Name, outcome);
            if (parse.GetValue(ablation))
                PrintAblation(settings, sets);
            if (parse.GetValue(misses))
                foreach (var (set, outcome) in sets.Zip(outcomes))
                    PrintMisses(set.Name, outcome);
            return 0;
        });
        return command;
    }

    private static void PrintRecall(string name, IReadOnlyList<EvalOutcome> outcomes)
    {
        Console.WriteLine($"\n{name}: {outcomes.Count} questions");
        Console.WriteLine($"{"group",-18} {"n",4} {"R@1",6} {"R@3",6} {"MRR",6} {"declined",8}");
        foreach (var row in Evaluator.Table(outcomes))
            Console.WriteLine($"{row.Group,-18} {row.Questions,4} {row.RecallAt1,6:F3} {row.RecallAt3,6:F3} {row.Mrr,6:F3} {row.Declined,8}");
        var unanswerable = outcomes.Where(o => !o.Question.InScope).ToList();
        foreach (var kind in unanswerable.GroupBy(o => o.Question.KindOrStyle).OrderBy(g => g.Key))
            Console.WriteLine($"  {kind.Key}: {kind.Count(o => !o.Answered)}/{kind.Count()} declined ({kind.Count(o => o.Status == AnswerStatus.Partial)} as partial)");
    }

    /// <summary>The bank's figures, a column per set; with two sets (train, test), the gap between them in points.</summary>
    private static void PrintFigures(IReadOnlyList<string> names, IReadOnlyList<Figures> figures)
    {
        Console.WriteLine();
        Console.WriteLine($"{"",-34}" + string.Concat(names.Select(name => $"{name,22}")) + (figures.Count == 2 ? $"{"gap",8}" : ""));
        var rows = figures.Select(f => f.Rows().ToList()).ToList();
        for (var i = 0; i < rows[0].Count; i++)
        {
            var gap = figures.Count == 2 && rows[0][i].Value.Total > 0 && rows[1][i].Value.Total > 0
                ? $"{(rows[1][i].Value.Value - rows[0][i].Value.Value) * 100,8:+0.0;-0.0;0.0}" : "";
            Console.WriteLine($"{rows[0][i].Name,-34}" + string.Concat(rows.Select(r => $"{r[i].Value,22}")) + gap);
        }
    }

    /// <summary>Of the replies given as answers, by the answer model's probability: how many were right. A calibrated
    /// model's answers at about p are right about p of the time.</summary>
    private static void PrintReliability(string name, IReadOnlyList<EvalOutcome> outcomes)
    {
        var answered = outcomes.Where(o => o.Answered).ToList();
        Console.WriteLine($"\nreliability of the answers given ({name}): probability, answers, right");
        foreach (var bin in Evaluator.Reliability(answered))
            Console.WriteLine($"  {bin.From:F1}–{bin.To:F1} {bin.Answers,6} {bin.Right,6} ({(bin.Answers == 0 ? "-" : ((double)bin.Right / bin.Answers).ToString("P0"))})");
    }

    /// <summary>Each step of query understanding off in turn (and all of them off), on the same index.</summary>
    private static void PrintAblation(SearchSettings settings, IReadOnlyList<(string Name, IReadOnlyList<EvalQuestion> Questions)> sets)
    {
        var variants = new List<(string Name, QueryFeatures Features)> { ("all steps", QueryFeatures.All) };
        variants.AddRange(Enum.GetValues<QueryFeatures>()
            .Where(step => step is not (QueryFeatures.None or QueryFeatures.All))
            .Select(step => ($"without {step}", QueryFeatures.All & ~step)));
        variants.Add(("no steps", QueryFeatures.None));

        Console.WriteLine($"\nablation, {string.Join(" / ", sets.Select(set => set.Name))}: R@1, answerable declined, unanswerable declined, follow-ups right, typos right");
        foreach (var (name, features) in variants)
        {
            using var answerer = Answerer.OpenExisting(new SearchSettings
            {
                IndexPath = settings.IndexPath, CorpusPath = settings.CorpusPath, Features = features,
            });
            var cells = sets.Select(set => Figures.Of(Evaluator.Run(answerer, set.Questions))).Select(f =>
                $"{f.RecallAt1.Value,6:F3} {f.AnswerableDeclined.Value,6:P1} {f.UnanswerableDeclined.Value,6:P1} {f.FollowUpsRight.Value,6:P1} {f.TyposAnswered.Value,6:P1}");
            Console.WriteLine($"{name,-26} {string.Join("  |  ", cells)}");
        }
    }

    private static void PrintMisses(string name, IReadOnlyList<EvalOutcome> outcomes)
    {
        Console.WriteLine($"\nmisses in {name}:");
        foreach (var o in outcomes.Where(o => !o.Right))
            Console.WriteLine($"  {o.Question.Id} [{o.Question.KindOrStyle}] rank={o.Rank?.ToString() ?? "-"} {o.Status} p={o.Probability:F2} confidence={o.Confidence:F2}: {o.Question.Q}");
        Console.WriteLine($"\nwrong short answers in {name} (shown → gold):");
        foreach (var o in outcomes.Where(o => o.ShortWrong))
            Console.WriteLine($"  {o.Question.Id} rank={o.Rank?.ToString() ?? "-"}: {o.Question.Q} {o.Short} → {string.Join("；", o.Question.Short!)}");
    }
}
