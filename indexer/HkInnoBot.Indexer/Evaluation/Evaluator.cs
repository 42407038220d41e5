using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Indexer.Evaluation;

/// <param name="Rank">Rank of the first correct passage within the evaluated depth; null if none.</param>
/// <param name="Confidence">The best passage's confidence.</param>
/// <param name="Short">The short answer shown, if any.</param>
/// <param name="Probability">The answer model's probability for the first passage.</param>
public sealed record EvalOutcome(EvalQuestion Question, int? Rank, bool Answered, double Confidence,
    AnswerStatus Status = AnswerStatus.Answered, string? Short = null, double Probability = 0)
{
    /// <summary>The short answer part by part, with the short-answer model's probabilities.</summary>
    public IReadOnlyList<ShortPart> ShortParts { get; init; } = [];

    /// <summary>The words slips in the question were read as, if any.</summary>
    public IReadOnlyList<string>? ReadAs { get; init; }

    /// <summary>Whether a short answer made of the given text holds every gold span of the question.</summary>
    public bool Holds(string? shown) => Question.Short is { Count: > 0 } gold && Answered && Rank == 1 && shown is not null
        && gold.All(span => Evaluator.Squash(shown).Contains(Evaluator.Squash(span), StringComparison.Ordinal));

    /// <summary>Whether a short answer of these parts shows something wrong: a part that holds none of the gold spans,
    /// or any part above a wrong passage. A part left out (the text does not give it) is not wrong, only incomplete.</summary>
    public bool IsWrong(IEnumerable<string?> shownParts) => Question.Short is { Count: > 0 } gold && shownParts.OfType<string>().ToList() is { Count: > 0 } shown
        && (!(Answered && Rank == 1) || shown.Any(part => !gold.Any(span => Evaluator.Squash(part).Contains(Evaluator.Squash(span), StringComparison.Ordinal))));

    /// <summary>Handled as a user would want: an answerable question answered with a right passage first, any other
    /// declined or answered as partial.</summary>
    public bool Right => Question.InScope ? Answered && Rank == 1 : !Answered;

    /// <summary>For a question with gold short spans: the short answer shown holds every one of them.</summary>
    public bool ShortHoldsGold => Holds(Short);

    public bool ShortWrong => IsWrong(ShortParts.Select(part => part.Text));
}

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

/// <summary>A count out of a total, shown as both and as a share.</summary>
public readonly record struct Share(int Count, int Total)
{
    public double Value => Total == 0 ? double.NaN : (double)Count / Total;

    public override string ToString() => Total == 0 ? "-" : $"{Count}/{Total} ({Value:P1})";

    public static Share Of<T>(IEnumerable<T> items, Func<T, bool> counted)
    {
        var list = items as IReadOnlyCollection<T> ?? items.ToList();
        return new Share(list.Count(counted), list.Count);
    }
}

/// <summary>What the question bank measures, on one split: how often the user gets what they should.</summary>
public sealed record Figures(
    Share RecallAt1, Share AnswerableDeclined, Share UnanswerableDeclined, Share FollowUpsRight, Share OffTopicFollowUpsAnswered,
    Share TyposAnswered, Share MisreadWithoutTypo, Share ShortHoldsGold, Share ShortWrong)
{
    public static Figures Of(IReadOnlyList<EvalOutcome> outcomes)
    {
        var answerable = outcomes.Where(o => o.Question.InScope).ToList();
        var followUps = outcomes.Where(o => o.Question.Turn > 1).ToList();
        var facts = outcomes.Where(o => o.Question.Short is { Count: > 0 }).ToList();
        return new Figures(
            Share.Of(answerable, o => o.Rank == 1),
            Share.Of(answerable, o => !o.Answered),
            Share.Of(outcomes.Where(o => !o.Question.InScope), o => !o.Answered),
            Share.Of(followUps, o => o.Right),
            Share.Of(followUps.Where(o => !o.Question.InScope), o => o.Answered),
            Share.Of(answerable.Where(o => o.Question.Typo is not null), o => o.Right),
            Share.Of(outcomes.Where(o => o.Question.Typo is null), o => o.ReadAs is not null),
            Share.Of(facts, o => o.ShortHoldsGold),
            Share.Of(facts, o => o.ShortWrong));
    }

    /// <summary>Each figure with its name, in the order the README's tables give them.</summary>
    public IEnumerable<(string Name, Share Value)> Rows() =>
    [
        ("R@1 (answerable)", RecallAt1),
        ("answerable declined", AnswerableDeclined),
        ("unanswerable declined or partial", UnanswerableDeclined),
        ("follow-ups right", FollowUpsRight),
        ("off-topic follow-ups answered", OffTopicFollowUpsAnswered),
        ("typos answered right", TyposAnswered),
        ("read as another word, no typo", MisreadWithoutTypo),
        ("short answer holds gold", ShortHoldsGold),
        ("short answer wrong", ShortWrong),
    ];
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
            outcomes.Add(new EvalOutcome(question, rank, answer.Answered, answer.Hits.FirstOrDefault()?.Confidence ?? 0, answer.Status,
                answer.ShortAnswer, answer.Probability ?? 0) { ShortParts = answer.ShortParts, ReadAs = answer.ReadAs });
        }
        return outcomes;
    }

    /// <summary>Follow-up turns handled right: answered with a correct passage first, or declined when off-topic.</summary>
    public static (int Right, int Total, int OffTopicAnswered) FollowUps(IReadOnlyList<EvalOutcome> outcomes)
    {
        var followUps = outcomes.Where(o => o.Question.Turn > 1).ToList();
        return (followUps.Count(o => o.Right), followUps.Count, followUps.Count(o => !o.Question.InScope && o.Answered));
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

    /// <summary>Answers given, in bins of the answer model's probability (0.0–0.1 … 0.9–1.0): how many, and how many were
    /// right (a right passage first, for a question the text answers).</summary>
    public static IReadOnlyList<(double From, double To, int Answers, int Right)> Reliability(IReadOnlyList<EvalOutcome> answered) =>
        [.. Enumerable.Range(0, 10).Select(i => (From: i / 10.0, To: (i + 1) / 10.0))
            .Select(bin => (bin.From, bin.To, answered.Where(o => In(o, bin)).ToList()))
            .Where(bin => bin.Item3.Count > 0)
            .Select(bin => (bin.From, bin.To, bin.Item3.Count, bin.Item3.Count(o => o.Right)))];

    private static bool In(EvalOutcome outcome, (double From, double To) bin) =>
        outcome.Probability >= bin.From && (outcome.Probability < bin.To || bin.To >= 1 && outcome.Probability <= 1);

    /// <summary>The text compared: one script, no whitespace, no bold markers.</summary>
    public static string Squash(string text) => ChineseText.ComparisonKey(string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace("**", ""));
}
