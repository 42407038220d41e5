using System.Security.Cryptography;
using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Indexer.Training;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Models;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>The decision models shipped in the library: fitted on the bank's train split as it is, never on test, and
/// reproducible by `indexer train`.</summary>
public class DecisionModelTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    private static readonly string BankPath = Path.Combine(AppContext.BaseDirectory, "data", "bank");

    [Fact]
    public void EveryModelIsFittedOnTheTrainSplitAsItIsAndNeverOnTest()
    {
        var train = QuestionBank.Files(BankPath, QuestionBank.TrainFolder)
            .Select(file => (Name: Path.GetRelativePath(BankPath, file).Replace('\\', '/'), Sha256: Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))))
            .ToList();
        foreach (var model in Decisions.Shipped.All)
        {
            var trained = model.TrainedOn!;
            Assert.Equal(train.Select(file => file.Name), trained.Files);
            Assert.DoesNotContain(trained.Files, file => file.StartsWith(QuestionBank.TestFolder + "/", StringComparison.Ordinal));
            // A changed train file means the shipped models are stale: `indexer train tests/data/bank` refits them.
            Assert.Equal(train.Select(file => file.Sha256), trained.Sha256);
        }
    }

    [Fact]
    public void ModelsReadTheFeaturesTheCodeComputes()
    {
        Assert.Equal(Evidence.AnswerFeatureNames, Decisions.Shipped.Answer.Features);
        Assert.Equal(Evidence.AnswerFeatureNames, Decisions.Shipped.Rerank.Features);
        Assert.Equal(Evidence.ContextFeatureNames, Decisions.Shipped.Context.Features);
        Assert.Equal(ShortAnswers.FeatureNames, Decisions.Shipped.Short.Features);
        Assert.All(Decisions.Shipped.All, model => Assert.InRange(model.Threshold, 0.01, 0.99));
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public void TrainingAgainGivesTheShippedModels()
    {
        var refitted = new Trainer(index.Settings, BankPath, _ => { }).Train();

        foreach (var (shipped, again) in Decisions.Shipped.All.Zip(refitted.All))
        {
            Assert.Equal(shipped.Name, again.Name);
            Assert.Equal(shipped.Threshold, again.Threshold, 6);
            Assert.Equal(shipped.Bias, again.Bias, 4);
            foreach (var (a, b) in shipped.Weights.Zip(again.Weights))
                Assert.Equal(a, b, 4);
        }
    }

    [Fact]
    public void AModelAppliesItsWeightsToStandardisedFeatures()
    {
        var model = new DecisionModel("m", ["a", "b"], Mean: [1, 0], Scale: [0.5, 2], Weights: [2, -1], Bias: 0.5, Threshold: 0.5);
        // z = 0.5 + 2·(3−1)·0.5 − 1·(1−0)·2 = 0.5
        Assert.Equal(1 / (1 + Math.Exp(-0.5)), model.Probability([3, 1]), 12);
        Assert.True(model.Decides([3, 1]));
    }
}
