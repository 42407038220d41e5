using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>
/// A regression gate on answer quality over the project's own questions (tests/data/questions.jsonl). The floors sit
/// a little under the measured values (see the README): a change that loses quality fails here.
/// </summary>
public class QualityGateTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    private static readonly string QuestionsFile = Path.Combine(AppContext.BaseDirectory, "data", "questions.jsonl");

    [Fact]
    public void TheProjectsQuestionSetIsLargeAndCoversEveryKind()
    {
        var questions = EvalQuestion.Load(QuestionsFile);
        Assert.True(questions.Count >= 200);
        Assert.Equal(questions.Count, questions.Select(q => q.Id).Distinct().Count());
        foreach (var lang in new[] { "hant", "hans", "yue", "mixed", "en", "oos" })
            Assert.Contains(questions, q => q.Lang == lang);
        Assert.Contains(questions, q => q.Style == "paraphrase");
        Assert.Contains(questions, q => q.Style == "near-miss");
    }

    [Fact]
    public void RecallAndNoAnswerStayAboveTheirFloors()
    {
        var outcomes = Evaluator.Run(index.Answerer, EvalQuestion.Load(QuestionsFile));
        var table = Evaluator.Table(outcomes).ToDictionary(row => row.Group);
        var outOfScope = outcomes.Where(o => !o.Question.InScope).ToList();

        Assert.True(table["in-scope"].RecallAt1 >= 0.93, $"R@1 {table["in-scope"].RecallAt1:F3}");
        Assert.True(table["in-scope"].RecallAt3 >= 0.98, $"R@3 {table["in-scope"].RecallAt3:F3}");
        Assert.True(table["style:paraphrase"].RecallAt1 >= 0.88, $"paraphrase R@1 {table["style:paraphrase"].RecallAt1:F3}");
        Assert.True(outOfScope.Count(o => !o.Answered) >= 0.75 * outOfScope.Count, "too few off-topic questions declined");
        Assert.True(table["in-scope"].Declined <= 0.02 * table["in-scope"].Questions, $"{table["in-scope"].Declined} in-scope declined");
    }
}
