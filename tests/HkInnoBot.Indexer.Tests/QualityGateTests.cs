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
        Assert.Contains(questions, q => q.Style == "fact-absent");
    }

    [Fact]
    public void RecallAndNoAnswerStayAboveTheirFloors()
    {
        var outcomes = Evaluator.Run(index.Answerer, EvalQuestion.Load(QuestionsFile));
        var table = Evaluator.Table(outcomes).ToDictionary(row => row.Group);
        var outOfScope = outcomes.Where(o => !o.Question.InScope).ToList();

        Assert.True(table["in-scope"].RecallAt1 >= 0.935, $"R@1 {table["in-scope"].RecallAt1:F3}");
        Assert.True(table["in-scope"].RecallAt3 >= 0.98, $"R@3 {table["in-scope"].RecallAt3:F3}");
        Assert.True(table["style:paraphrase"].RecallAt1 >= 0.90, $"paraphrase R@1 {table["style:paraphrase"].RecallAt1:F3}");
        Assert.True(table["in-scope"].Declined <= 0.025 * table["in-scope"].Questions, $"{table["in-scope"].Declined} in-scope declined");
        // Questions that share words with the text, or ask about its topics for what it does not say.
        var nearMisses = outOfScope.Where(o => o.Question.Style is "near-miss" or "fact-absent").ToList();
        Assert.True(nearMisses.Count(o => !o.Answered) >= 0.78 * nearMisses.Count, $"{nearMisses.Count(o => !o.Answered)}/{nearMisses.Count} near misses declined");
        Assert.True(outOfScope.Count(o => !o.Answered) >= 0.8 * outOfScope.Count, "too few off-topic questions declined");
    }
}
