using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Indexer.Evaluation;

/// <param name="Rank">Rank of the first correct passage within the evaluated depth; null if none.</param>
/// <param name="Confidence">The best passage's confidence, which decides <paramref name="Answered"/>.</param>
public sealed record EvalOutcome(EvalQuestion Question, int? Rank, bool Answered, double Confidence, AnswerStatus Status = AnswerStatus.Answered);

/// <summary>Recall at 1 and 3, MRR and the no-answer behaviour for a group of outcomes.</summary>
public sealed record EvalScores(string Group, int Questions, double RecallAt1, double RecallAt3, double Mrr, int Declined)
{
    public static EvalScores Of(string group, IReadOnlyCollection<EvalOutcome> outcomes) => new(
        group,
        outcomes.Count,
        outcomes.Count == 0 ? 0 : outcomes.Count(o => o.Rank == 1) / (double)outcomes.Count,
        outcomes.Count == 0 ? 0 : outcomes.Count(o => o.Rank <= 3) / (double)outcomes.Count,
        outcomes.Count == 0 ? 0 : outcomes.Sum(o => o.Rank is { } rank ? 1.0 / rank : 0) / outcomes.Count,
        outcomes.Count(o => !o.Answered));
}

public static class Evaluator
{
    public const int Depth = 10;

    /// <summary>Each question through the answering path the bot uses, <see cref="Depth"/> passages deep; the turns of
    /// a conversation in order, each with the context the one before left, as the bot keeps it.</summary>
    public static IReadOnlyList<EvalOutcome> Run(Answerer answerer, IEnumerable<EvalQuestion> questions)
    {
        var outcomes = new List<EvalOutcome>();
        FollowUpContext? context = null;
        foreach (var question in questions)
        {
            if (question.Turn <= 1)
                context = null;
            var answer = answerer.Ask(answerer.Understand(question.Q), context, Depth, highlighted: 0);
            context = answer.Context;
            var rank = answer.Hits.FirstOrDefault(hit => IsCorrect(question, hit.Text))?.Rank;
            outcomes.Add(new EvalOutcome(question, rank, answer.Answered, answer.Hits.FirstOrDefault()?.Confidence ?? 0, answer.Status));
        }
        return outcomes;
    }

    /// <summary>Follow-up turns handled right: answered with a correct passage first, or declined when off-topic.</summary>
    public static (int Right, int Total, int OffTopicAnswered) FollowUps(IReadOnlyList<EvalOutcome> outcomes)
    {
        var followUps = outcomes.Where(o => o.Question.Turn > 1).ToList();
        return (followUps.Count(o => o.Question.InScope ? o.Answered && o.Rank == 1 : !o.Answered),
            followUps.Count, followUps.Count(o => !o.Question.InScope && o.Answered));
    }

    /// <summary>The rule of ../shared/eval: after removing whitespace and ** from both, the passage contains any expected
    /// substring. Compared in one script, since a passage comes back in the script the question was asked in.</summary>
    public static bool IsCorrect(EvalQuestion question, string passage)
    {
        var text = Squash(passage);
        return question.Expect.Any(expected => text.Contains(Squash(expected), StringComparison.Ordinal));
    }

    /// <summary>In-scope scores per language, per style (when the file has styles) and overall.</summary>
    public static IReadOnlyList<EvalScores> Table(IReadOnlyList<EvalOutcome> outcomes)
    {
        var inScope = outcomes.Where(o => o.Question.InScope).ToList();
        var rows = inScope.GroupBy(o => o.Question.Lang).OrderBy(g => g.Key).Select(g => EvalScores.Of(g.Key, g.ToList())).ToList();
        rows.AddRange(inScope.Where(o => o.Question.Style is not null).GroupBy(o => o.Question.Style!).OrderBy(g => g.Key)
            .Select(g => EvalScores.Of("style:" + g.Key, g.ToList())));
        rows.Add(EvalScores.Of("in-scope", inScope));
        return rows;
    }

    /// <summary>The no-answer trade-off: at each threshold, how many off-topic questions are declined and how many
    /// in-scope ones are declined with them.</summary>
    public static IReadOnlyList<(double Threshold, int OutOfScopeDeclined, int InScopeDeclined)> Thresholds(
        IReadOnlyList<EvalOutcome> outcomes, IEnumerable<double> thresholds) =>
        thresholds.Select(threshold => (
            threshold,
            outcomes.Count(o => !o.Question.InScope && o.Confidence < threshold),
            outcomes.Count(o => o.Question.InScope && o.Confidence < threshold))).ToList();

    private static string Squash(string text) => ChineseText.ComparisonKey(string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace("**", ""));
}
