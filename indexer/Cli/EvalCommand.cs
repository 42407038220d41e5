using System.CommandLine;
using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Indexer.Index;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Indexer.Cli;

internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Questions, JSONL: {\"id\",\"lang\",\"q\",\"expect\"[,\"style\"]}" };
        var misses = new Option<bool>("--misses") { Description = "Also list the questions not answered at rank 1 or wrongly declined/answered" };
        var command = new Command("eval", "Measure R@1, R@3, MRR and the no-answer behaviour on a question file") { file, misses };
        command.SetAction(parse =>
        {
            IReadOnlyList<EvalQuestion> questions;
            try
            {
                questions = EvalQuestion.Load(parse.GetValue(file)!.FullName);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                Console.Error.WriteLine($"eval: {e.Message}");
                return 2;
            }
            using var searcher = PassageIndex.OpenOrBuild(CommonOptions.Settings(parse), CommonOptions.Logger(LogLevel.Warning));
            var outcomes = Evaluator.Run(searcher, questions);
            Print(outcomes);
            if (parse.GetValue(misses))
                PrintMisses(outcomes);
            return 0;
        });
        return command;
    }

    private static void Print(IReadOnlyList<EvalOutcome> outcomes)
    {
        Console.WriteLine($"{"group",-18} {"n",4} {"R@1",6} {"R@3",6} {"MRR",6} {"declined",8}");
        foreach (var row in Evaluator.Table(outcomes))
            Console.WriteLine($"{row.Group,-18} {row.Questions,4} {row.RecallAt1,6:F3} {row.RecallAt3,6:F3} {row.Mrr,6:F3} {row.Declined,8}");
        var outOfScope = outcomes.Where(o => !o.Question.InScope).ToList();
        Console.WriteLine($"out-of-scope: {outOfScope.Count} questions, {outOfScope.Count(o => !o.Answered)} declined, {outOfScope.Count(o => o.Answered)} answered");
    }

    private static void PrintMisses(IReadOnlyList<EvalOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            var wrong = o.Question.InScope ? o.Rank != 1 || !o.Answered : o.Answered;
            if (wrong)
                Console.WriteLine($"  {o.Question.Id} [{o.Question.Lang}] rank={o.Rank?.ToString() ?? "-"} answered={o.Answered}: {o.Question.Q}");
        }
    }
}
