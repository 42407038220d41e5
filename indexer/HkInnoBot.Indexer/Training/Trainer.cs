using System.Security.Cryptography;
using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace HkInnoBot.Indexer.Training;

/// <summary>
/// Fits the decision models on the question bank's train split, in the order they build on each other: the short answer
/// (which span gives a part of a question), the reranker (which of the best passages comes first), the answer (whether
/// it answers), the partial reply (whether an unanswered question is about a topic the text covers) and the context
/// (whether a follow-up is read with the previous topic). Each is an L-BFGS logistic regression (ML.NET) on standardised features, run single-threaded with a fixed
/// seed, so the same bank gives the same files. The test split is never read.
/// </summary>
public sealed class Trainer(SearchSettings settings, string bankPath, Action<string> progress)
{
    private readonly MLContext ml = new(seed: 1);
    private readonly IReadOnlyList<string> files = QuestionBank.Files(bankPath, QuestionBank.TrainFolder);

    /// <summary>
    /// Leave-one-writer-out on the train split: the answer model fitted on every other file, then applied to the file
    /// left out, its threshold chosen as <see cref="Train"/> chooses it. Reports the decisions at that threshold and the
    /// trade-off at others: what a change of features is judged by, without looking at the test split.
    /// </summary>
    public void CrossValidate()
    {
        var questions = files.SelectMany(EvalQuestion.Load).ToList();
        var (groups, _) = AnswerRows(Decisions.Untrained with { Short = FitShort(questions) }, questions);
        var held = new List<(double Probability, bool Right, bool Answerable, string Kind, bool Answered)>();
        foreach (var file in files)
        {
            var others = groups.Where(group => group.Source != file).ToList();
            var rerank = Fit(Decisions.RerankName, Evidence.AnswerFeatureNames, RerankRows(others), quiet: true);
            var chosen = Chosen(rerank, others);
            var model = Fit(Decisions.AnswerName, Evidence.AnswerFeatureNames, chosen, quiet: true);
            var threshold = AnswerThreshold(model, chosen, others);
            foreach (var group in groups.Where(group => group.Source == file))
            {
                var best = group.Examples.MaxBy(example => rerank.Probability(example.Features))!;
                var probability = model.Probability(best.Features);
                held.Add((probability, best.Label, group.Answerable, group.Kind, probability >= threshold));
            }
        }
        var answerable = held.Where(o => o.Answerable).ToList();
        var unanswerable = held.Where(o => !o.Answerable).ToList();
        progress($"cross-validated by writer: of {answerable.Count} answerable, {Share(answerable, o => o.Answered && o.Right)} answered right, " +
            $"{Share(answerable, o => !o.Answered)} declined; of {unanswerable.Count} unanswerable, {Share(unanswerable, o => !o.Answered)} declined " +
            $"({string.Join(", ", unanswerable.GroupBy(o => o.Kind).Select(kind => $"{kind.Key} {Share(kind.ToList(), o => !o.Answered)}"))})");
        foreach (var threshold in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 })
            progress($"  at {threshold:F1}: answerable declined {Share(answerable, o => o.Probability < threshold)}, " +
                $"unanswerable declined {Share(unanswerable, o => o.Probability < threshold)}");
    }

    private static string Share<T>(IReadOnlyCollection<T> items, Func<T, bool> counted) =>
        items.Count == 0 ? "-" : $"{(double)items.Count(counted) / items.Count:P1}";

    public Decisions Train()
    {
        var questions = files.SelectMany(EvalQuestion.Load).ToList();
        progress($"train split: {files.Count} files, {questions.Count} questions and turns");

        var decisions = Decisions.Untrained with { Short = FitShort(questions) };
        var (answerRows, partialRows) = AnswerRows(decisions, questions);
        var rerank = Fit(Decisions.RerankName, Evidence.AnswerFeatureNames, RerankRows(answerRows));
        var chosen = Chosen(rerank, answerRows);
        var answer = Fit(Decisions.AnswerName, Evidence.AnswerFeatureNames, chosen);
        decisions = decisions with { Rerank = rerank, Answer = answer with { Threshold = AnswerThreshold(answer, chosen, answerRows) } };
        decisions = decisions with { Partial = Fit(Decisions.PartialName, Evidence.AnswerFeatureNames, partialRows) };

        var conversations = questions.Where(question => question.Conversation is not null).Concat(OffTopicTurns(questions)).ToList();
        decisions = decisions with { Context = Fit(Decisions.ContextName, Evidence.ContextFeatureNames, ContextRows(decisions, conversations)) };
        decisions = decisions with { Context = decisions.Context with { Threshold = ContextThreshold(decisions, conversations) } };
        return decisions with { Short = decisions.Short with { Threshold = ShortThreshold(decisions, questions) } };
    }

    /// <summary>Writes each model as <c>NAME.json</c> into <paramref name="folder"/>.</summary>
    public static void Save(Decisions decisions, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var model in decisions.All)
            File.WriteAllText(Path.Combine(folder, model.Name + ".json"),
                System.Text.Json.JsonSerializer.Serialize(model, DecisionModel.FileFormat) + "\n");
    }

    private sealed record Example(double[] Features, bool Label);

    /// <summary>The passages weighed for one question, the file it comes from, and whether the text answers it.</summary>
    private sealed record Group(string Source, bool Answerable, List<Example> Examples, string Kind);

    // Questions that stand alone: the bank's questions and the first turns of its conversations.
    private static bool StandsAlone(EvalQuestion question) => question.Turn <= 1;

    /// <summary>Every question deliberated as the bot answers it: the turns of a conversation in order, each with the
    /// context the turn before left.</summary>
    private static IEnumerable<(EvalQuestion Question, Deliberation Deliberation)> Deliberated(Answerer answerer, IEnumerable<EvalQuestion> questions)
    {
        FollowUpContext? context = null;
        foreach (var question in questions)
        {
            if (StandsAlone(question))
                context = null;
            var (reply, deliberation) = answerer.Deliberate(answerer.Understand(question.Q), context);
            context = reply.Context;
            yield return (question, deliberation);
        }
    }

    private Answerer Open(Decisions decisions) => Answerer.Open(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, decisions);

    /// <summary>The short-answer model, first: the answer model reads its probabilities. Its threshold is chosen last,
    /// on the whole answering path (<see cref="ShortThreshold"/>).</summary>
    private DecisionModel FitShort(List<EvalQuestion> questions)
    {
        var (parts, others) = ShortRows(Decisions.Untrained, questions);
        return Fit(Decisions.ShortName, ShortAnswers.FeatureNames, parts.SelectMany(part => part).Concat(others));
    }

    /// <summary>
    /// The short-answer model's examples. For each part of a fact question, every span of the right passage that could
    /// give it, labelled by whether it holds the gold span of that part (the writer's spans in the order asked, when
    /// there are as many as parts): what the threshold is chosen on. And every span of the other passages weighed, and of
    /// the passages weighed for questions the text cannot answer, as spans that do not give the fact asked: so a span's
    /// probability also says whether the passage gives the fact at all, which the answer model reads.
    /// </summary>
    private (List<List<Example>> Parts, List<Example> Others) ShortRows(Decisions decisions, List<EvalQuestion> questions)
    {
        using var answerer = Open(decisions);
        var parts = new List<List<Example>>();
        var others = new List<Example>();
        foreach (var question in questions.Where(q => StandsAlone(q) && (q.Short is { Count: > 0 } || !q.InScope)))
        {
            var (_, deliberation) = answerer.Deliberate(answerer.Understand(question.Q), null);
            var asked = deliberation.Alone!.Question.Parts;
            var right = question.InScope ? deliberation.Alone.Passages.FirstOrDefault(p => Evaluator.IsCorrect(question, p.Text)) : null;
            foreach (var passage in deliberation.Alone.Passages)
            {
                if (passage != right)
                {
                    others.AddRange(passage.Spans.Select(span => new Example(span.Features, false)));
                    continue;
                }
                foreach (var part in passage.Spans.GroupBy(span => span.Part))
                {
                    var gold = question.Short!.Count == asked.Count ? [question.Short[part.Key]] : question.Short;
                    parts.Add([.. part.Select(span => new Example(span.Features,
                        gold.Any(g => Evaluator.Squash(span.Text).Contains(Evaluator.Squash(g), StringComparison.Ordinal))))]);
                }
            }
        }
        return (parts, others);
    }

    /// <summary>The answer model's examples, grouped by question: each passage it weighed for a question standing alone
    /// or for a follow-up read in context, labelled by whether it is a right answer. And the partial model's: the best
    /// passage of each question standing alone, labelled by whether the text covers its topic (answerable, or a fact or
    /// year the text does not give about a topic it covers).</summary>
    private (List<Group> Answer, List<Example> Partial) AnswerRows(Decisions decisions, List<EvalQuestion> questions)
    {
        using var answerer = Open(decisions);
        var answer = new List<Group>();
        var partial = new List<Example>();
        foreach (var (question, deliberation) in Deliberated(answerer, questions))
        {
            var reading = StandsAlone(question) ? deliberation.Alone : question.InScope ? deliberation.InContext : null;
            if (reading is null || reading.Passages.Count == 0)
                continue;
            answer.Add(new Group(question.Source!, question.InScope,
                [.. reading.Passages.Select(p => new Example(p.Features, question.InScope && Evaluator.IsCorrect(question, p.Text)))], question.KindOrStyle));
            if (StandsAlone(question))
                partial.Add(new Example(reading.Passages[0].Features, question.KindOrStyle is "answerable" or "fact-absent" or "year-absent"));
        }
        return (answer, partial);
    }

    /// <summary>
    /// The reranker's examples: for each answerable question, every right passage weighed against every wrong one, as the
    /// difference of their features (and the reverse, as a wrong choice): a pairwise logistic ranking, whose weights score
    /// a passage against the others weighed for the same question, whatever the question.
    /// </summary>
    private static IEnumerable<Example> RerankRows(List<Group> groups)
    {
        foreach (var group in groups.Where(group => group.Answerable))
            foreach (var right in group.Examples.Where(example => example.Label))
                foreach (var wrong in group.Examples.Where(example => !example.Label))
                {
                    var difference = right.Features.Zip(wrong.Features, (a, b) => a - b).ToArray();
                    yield return new Example(difference, true);
                    yield return new Example([.. difference.Select(value => -value)], false);
                }
    }

    /// <summary>The passage the reranker puts first for each question: what the answer model decides on.</summary>
    private static List<Example> Chosen(DecisionModel rerank, List<Group> groups) =>
        [.. groups.Select(group => group.Examples.MaxBy(example => rerank.Probability(example.Features))!)];

    /// <summary>
    /// The probability above which the best passage answers: the one with the least cost on the train split, where an
    /// answerable question declined (or answered by a wrong passage) costs twice an unanswerable one answered. A wrongly
    /// declined question leaves the user without the answer the text has; a wrongly answered one still shows its passage
    /// and source, so the user sees that it does not fit.
    /// </summary>
    private static double AnswerThreshold(DecisionModel model, List<Example> chosen, List<Group> groups)
    {
        var outcomes = chosen.Zip(groups, (best, group) => (Probability: model.Probability(best.Features), Right: best.Label, group.Answerable)).ToList();
        return Candidates().MinBy(threshold =>
            2 * outcomes.Count(o => o.Answerable && !(o.Right && o.Probability >= threshold))
            + outcomes.Count(o => !o.Answerable && o.Probability >= threshold));
    }

    private static IEnumerable<double> Candidates() => Enumerable.Range(5, 91).Select(i => i / 100.0);

    /// <summary>
    /// More off-topic turns than the writers' conversations hold: each question of the bank that the text cannot answer
    /// and that is not about a topic it covers (near-miss, far), asked right after an answerable question, in one
    /// conversation. The previous topic must not answer it (「恒指今日幾多點？」 after 香港科技園公司).
    /// </summary>
    private static IEnumerable<EvalQuestion> OffTopicTurns(List<EvalQuestion> questions)
    {
        var alone = questions.Where(question => question.Conversation is null).ToList();
        var topics = alone.Where(question => question.InScope).ToList();
        var offTopic = alone.Where(question => question.KindOrStyle is "near-miss" or "far").ToList();
        for (var i = 0; i < offTopic.Count && topics.Count > 0; i++)
        {
            var conversation = $"off-topic-{i}";
            yield return topics[i * 7 % topics.Count] with { Conversation = conversation, Turn = 1 };
            yield return offTopic[i] with { Conversation = conversation, Turn = 2 };
        }
    }

    /// <summary>Follow-up turns whose reading alone and in context differ in being right: labelled by whether the reading
    /// in context is the right one.</summary>
    private IEnumerable<Example> ContextRows(Decisions decisions, List<EvalQuestion> questions)
    {
        using var answerer = Open(decisions);
        var rows = new List<Example>();
        foreach (var (question, deliberation) in Deliberated(answerer, questions))
        {
            if (deliberation is not { Alone: { } alone, InContext: { } inContext, ContextFeatures: { } features })
                continue;
            bool Right(Deliberation.Reading reading) => question.InScope
                ? reading.Status == AnswerStatus.Answered && reading.Passages.Count > 0 && Evaluator.IsCorrect(question, reading.Passages[0].Text)
                : reading.Status != AnswerStatus.Answered;
            if (Right(alone) != Right(inContext))
                rows.Add(new Example(features, Right(inContext)));
        }
        return rows;
    }

    /// <summary>The probability above which a follow-up is read in context: the one that handles the most follow-up
    /// turns of the train split's conversations right, each turn read with the context its conversation left.</summary>
    private double ContextThreshold(Decisions decisions, List<EvalQuestion> conversations)
    {
        var (threshold, right) = Enumerable.Range(6, 11).Select(i => i / 20.0).Select(threshold =>
        {
            using var answerer = Open(decisions with { Context = decisions.Context with { Threshold = threshold } });
            return (threshold, Right: Evaluator.FollowUps(Evaluator.Run(answerer, conversations)).Right);
        }).MaxBy(tried => tried.Right);
        progress($"context: threshold {threshold:F2}, {right} follow-up turns right");
        return threshold;
    }

    /// <summary>
    /// The probability above which a short answer is shown, chosen on the whole answering path: every fact question of
    /// the train split is answered as the bot answers it, and the threshold shows the most short answers that hold the
    /// gold spans while a wrong one (a wrong figure in bold above the passage, which is read and believed) is shown for
    /// at most 3% of the questions.
    /// </summary>
    private double ShortThreshold(Decisions decisions, List<EvalQuestion> questions)
    {
        using var answerer = Open(decisions with { Short = decisions.Short with { Threshold = 0 } });
        var facts = Evaluator.Run(answerer, questions).Where(outcome => outcome.Question.Short is { Count: > 0 }).ToList();
        (int Holds, int Wrong) At(double threshold)
        {
            int holds = 0, wrong = 0;
            foreach (var outcome in facts)
            {
                var parts = outcome.ShortParts.Select(part => part.Probability >= threshold ? part.Text : null).ToList();
                if (outcome.Holds(ShortAnswers.Text([.. outcome.ShortParts.Where(part => part.Probability >= threshold)])))
                    holds++;
                else if (outcome.IsWrong(parts))
                    wrong++;
            }
            return (holds, wrong);
        }
        progress($"short: of {facts.Count} fact questions, {facts.Count(o => o.Answered && o.Rank == 1)} answered by a right passage, " +
            $"{facts.Count(o => o.Question.Short!.Count == o.ShortParts.Count)} with as many parts as gold spans, " +
            $"{facts.Count(o => o.Holds(ShortAnswers.Text(o.ShortParts)))} held by the likeliest spans");
        var tried = Candidates().Select(threshold => (Threshold: threshold, Result: At(threshold))).ToList();
        var allowed = tried.Where(t => t.Result.Wrong <= 0.03 * facts.Count).ToList();
        var (chosen, (right, wrongShown)) = allowed.Count > 0 ? allowed.MaxBy(t => t.Result.Holds) : tried.MinBy(t => t.Result.Wrong);
        progress($"short: threshold {chosen:F2}: of {facts.Count} fact questions, {right} short answers hold the gold, {wrongShown} are wrong");
        return chosen;
    }

    private sealed class Row
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    /// <summary>An L-BFGS logistic regression on the examples, features standardised first (their mean and scale are part
    /// of the model, so the weights compare).</summary>
    private DecisionModel Fit(string name, IReadOnlyList<string> features, IEnumerable<Example> examples, bool quiet = false)
    {
        var rows = examples.ToList();
        var width = features.Count;
        var mean = new double[width];
        var scale = new double[width];
        for (var i = 0; i < width; i++)
        {
            mean[i] = rows.Average(row => row.Features[i]);
            var deviation = Math.Sqrt(rows.Average(row => Math.Pow(row.Features[i] - mean[i], 2)));
            scale[i] = deviation > 1e-9 ? 1 / deviation : 0;
        }
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(rows.Select(row => new Row
        {
            Label = row.Label,
            Features = [.. row.Features.Select((value, i) => (float)((value - mean[i]) * scale[i]))],
        }), schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = 1f,
            L1Regularization = 0f,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 1000,
            NumberOfThreads = 1,
        });
        var fitted = trainer.Fit(data).Model;
        var weights = fitted.SubModel.Weights.Select(w => (double)w).ToArray();
        var model = new DecisionModel(name, features, mean, scale, weights, fitted.SubModel.Bias, 0.5,
            new TrainedOn([.. files.Select(file => Path.GetRelativePath(bankPath, file).Replace('\\', '/'))], [.. files.Select(Sha256)],
                rows.Count, rows.Count(row => row.Label)));
        if (!quiet)
            progress($"{name}: {rows.Count} examples, {rows.Count(row => row.Label)} positive; weights " +
            string.Join(", ", features.Select((feature, i) => $"{feature} {weights[i]:+0.00;-0.00}")));
        return model;
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
}
