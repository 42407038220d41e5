using System.CommandLine;
using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Indexer.Cli;

internal static class EvalCommand
{
    private static readonly double[] Thresholds = [0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.50];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "Questions, JSONL: {\"id\",\"lang\",\"q\",\"expect\"[,\"style\"]}, or conversations: {\"id\",\"lang\",\"turns\":[{\"q\",\"expect\"}]}",
        };
        var misses = new Option<bool>("--misses") { Description = "Also list the questions not answered at rank 1 or wrongly declined/answered" };
        var thresholds = new Option<bool>("--thresholds") { Description = "Also show the no-answer trade-off at a range of thresholds" };
        var ablation = new Option<bool>("--ablation") { Description = "Compare with each query-understanding step switched off" };
        var command = CommonOptions.IndexCommand("eval", "Measure R@1, R@3, MRR and the no-answer behaviour on a question file");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { misses, thresholds, ablation })
            command.Options.Add(option);
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
            var settings = CommonOptions.Settings(parse);
            IReadOnlyList<EvalOutcome> outcomes;
            using (var logging = CommonOptions.Logging(LogLevel.Warning))
            using (var answerer = Answerer.Open(settings, logging.CreateLogger("indexer")))
                outcomes = Evaluator.Run(answerer, questions);
            Print(outcomes);
            if (parse.GetValue(thresholds))
                PrintThresholds(outcomes);
            if (parse.GetValue(ablation))
                PrintAblation(settings, questions);
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
        Console.WriteLine($"out-of-scope: {outOfScope.Count} questions, {outOfScope.Count(o => !o.Answered)} declined " +
            $"({outOfScope.Count(o => o.Status == AnswerStatus.Partial)} as partial), {outOfScope.Count(o => o.Answered)} answered");
        foreach (var style in outOfScope.Where(o => o.Question.Style is not null).GroupBy(o => o.Question.Style!).OrderBy(g => g.Key))
            Console.WriteLine($"  {style.Key}: {style.Count(o => !o.Answered)}/{style.Count()} declined");
        var (right, followUps, offTopicAnswered) = Evaluator.FollowUps(outcomes);
        if (followUps > 0)
            Console.WriteLine($"follow-ups: {right}/{followUps} right ({(double)right / followUps:P1}), {offTopicAnswered} off-topic answered");
    }

    private static void PrintThresholds(IReadOnlyList<EvalOutcome> outcomes)
    {
        Console.WriteLine($"\n{"threshold",9} {"off-topic declined",19} {"in-scope declined",18}");
        var outOfScope = outcomes.Count(o => !o.Question.InScope);
        foreach (var (threshold, declined, wronglyDeclined) in Evaluator.Thresholds(outcomes, Thresholds))
            Console.WriteLine($"{threshold,9:F2} {$"{declined}/{outOfScope}",19} {$"{wronglyDeclined}/{outcomes.Count - outOfScope}",18}");
    }

    /// <summary>Each step of query understanding off in turn (and all of them off), on the same index.</summary>
    private static void PrintAblation(SearchSettings settings, IReadOnlyList<EvalQuestion> questions)
    {
        var variants = new List<(string Name, QueryFeatures Features)> { ("all steps", QueryFeatures.All) };
        variants.AddRange(Enum.GetValues<QueryFeatures>()
            .Where(step => step is not (QueryFeatures.None or QueryFeatures.All))
            .Select(step => ($"without {step}", QueryFeatures.All & ~step)));
        variants.Add(("no steps", QueryFeatures.None));

        Console.WriteLine($"\n{"variant",-26} {"R@1",6} {"R@3",6} {"MRR",6} {"paraphrase R@1",15} {"off-topic declined",19} {"in-scope declined",18} {"follow-ups right",17}");
        foreach (var (name, features) in variants)
        {
            using var answerer = Answerer.OpenExisting(new SearchSettings
            {
                IndexPath = settings.IndexPath, CorpusPath = settings.CorpusPath, ConfidenceThreshold = settings.ConfidenceThreshold, Features = features,
            });
            var outcomes = Evaluator.Run(answerer, questions);
            var inScope = EvalScores.Of("in-scope", outcomes.Where(o => o.Question.InScope).ToList());
            var outOfScope = outcomes.Where(o => !o.Question.InScope).ToList();
            var (right, followUps, _) = Evaluator.FollowUps(outcomes);
            // Reworded questions, which share few words with their passage: what each step does for them.
            var paraphrases = outcomes.Where(o => o.Question.Style == "paraphrase").ToList();
            var paraphraseR1 = paraphrases.Count > 0 ? EvalScores.Of("paraphrase", paraphrases).RecallAt1.ToString("F3") : "-";
            Console.WriteLine($"{name,-26} {inScope.RecallAt1,6:F3} {inScope.RecallAt3,6:F3} {inScope.Mrr,6:F3} {paraphraseR1,15} " +
                $"{$"{outOfScope.Count(o => !o.Answered)}/{outOfScope.Count}",19} {$"{inScope.Declined}/{inScope.Questions}",18} " +
                $"{(followUps > 0 ? $"{right}/{followUps}" : "-"),17}");
        }
    }

    private static void PrintMisses(IReadOnlyList<EvalOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            var wrong = o.Question.InScope ? o.Rank != 1 || !o.Answered : o.Answered;
            if (wrong)
                Console.WriteLine($"  {o.Question.Id} [{o.Question.Lang}] rank={o.Rank?.ToString() ?? "-"} {o.Status} confidence={o.Confidence:F2}: {o.Question.Q}");
        }
    }
}
