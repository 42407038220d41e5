using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>
/// A regression gate on answer quality, on the question bank's test split: questions and conversations by writers whose
/// lines no decision was fitted or tuned on. The floors sit a little under the measured values (README, "Quality"): a
/// change that loses quality on questions nobody tuned for fails here. The train split is held to the same figures, so
/// a change that only fits train shows as a gap.
/// </summary>
public class QualityGateTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    private static readonly QuestionBank Bank = QuestionBank.Load(Path.Combine(AppContext.BaseDirectory, "data", "bank"));

    [Fact]
    [Trait("Speed", "Slow")]
    public void TheTestSplitStaysAboveItsFloors()
    {
        var test = Figures.Of(Evaluator.Run(index.Answerer, Bank.Test));

        Assert.True(test.RecallAt1.Value >= 0.92, $"R@1 {test.RecallAt1}");
        Assert.True(test.AnswerableDeclined.Value <= 0.065, $"answerable declined {test.AnswerableDeclined}");
        Assert.True(test.UnanswerableDeclined.Value >= 0.63, $"unanswerable declined or partial {test.UnanswerableDeclined}");
        Assert.True(test.FollowUpsRight.Value >= 0.76, $"follow-ups right {test.FollowUpsRight}");
        Assert.True(test.TyposAnswered.Value >= 0.89, $"typos answered {test.TyposAnswered}");
        Assert.True(test.MisreadWithoutTypo.Value <= 0.01, $"read as another word without a typo {test.MisreadWithoutTypo}");
        Assert.True(test.ShortHoldsGold.Value >= 0.42, $"short answers holding the gold {test.ShortHoldsGold}");
        Assert.True(test.ShortWrong.Value <= 0.045, $"short answers wrong {test.ShortWrong}");
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public void TestStaysWithinReachOfTrain()
    {
        var train = Figures.Of(Evaluator.Run(index.Answerer, Bank.Train)).Rows().ToList();
        var test = Figures.Of(Evaluator.Run(index.Answerer, Bank.Test)).Rows().ToList();

        // Measured gaps are within 3 points but for questions the text cannot answer (README): the floor here is looser,
        // so that the gate fails on a change that widens them, not on the gap that is known.
        foreach (var ((name, trainShare), (_, testShare)) in train.Zip(test))
            Assert.True(Math.Abs(trainShare.Value - testShare.Value) <= 0.12, $"{name}: train {trainShare}, test {testShare}");
    }
}
