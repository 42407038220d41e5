using HkInnoBot.Indexer.Evaluation;

namespace HkInnoBot.Indexer.Tests;

/// <summary>The question bank is made the way a benchmark is: many independent writers, each line with its evidence,
/// split once by writer into train and test.</summary>
public class QuestionBankTests
{
    private static readonly string BankPath = Path.Combine(AppContext.BaseDirectory, "data", "bank");
    private static readonly QuestionBank Bank = QuestionBank.Load(BankPath);

    private static IEnumerable<EvalQuestion> Written => Bank.Train.Concat(Bank.Test).Where(question => question.Writer is not null);

    [Fact]
    public void ItHoldsAtLeast1500QuestionsAnd200ConversationsByEightWritersOrMore()
    {
        Assert.True(Written.Count(question => question.Conversation is null) >= 1500);
        Assert.True(Written.Where(question => question.Conversation is not null).Select(question => question.Conversation).Distinct().Count() >= 200);
        Assert.True(Written.Select(question => question.Writer).Distinct().Count() >= 8);
        Assert.All(Written, question => Assert.False(string.IsNullOrEmpty(question.Brief)));
    }

    [Fact]
    public void TheSplitIsByWriterWithAtLeastTwoWritersAndThirtyPercentInTest()
    {
        var trainWriters = Bank.Train.Select(question => question.Writer).OfType<string>().ToHashSet();
        var testWriters = Bank.Test.Select(question => question.Writer).OfType<string>().ToHashSet();

        Assert.Empty(trainWriters.Intersect(testWriters));
        Assert.True(testWriters.Count >= 2);
        var questions = Bank.Train.Concat(Bank.Test).Count(question => question.Conversation is null);
        Assert.True(Bank.Test.Count(question => question.Conversation is null) >= 0.3 * questions);
        var conversations = Bank.Train.Concat(Bank.Test).Select(question => question.Conversation).OfType<string>().Distinct().Count();
        Assert.True(Bank.Test.Select(question => question.Conversation).OfType<string>().Distinct().Count() >= 0.3 * conversations);
    }

    [Fact]
    public void EveryKindOfQuestionIsInBothSplits()
    {
        foreach (var split in new[] { Bank.Train, Bank.Test })
        {
            foreach (var kind in EvalQuestion.Unanswerable.Append("answerable"))
                Assert.Contains(split, question => question.KindOrStyle == kind);
            Assert.Contains(split, question => question.Typo is not null);
            Assert.Contains(split, question => question.Short is { Count: > 1 });
            Assert.Contains(split, question => question.Turn > 1);
        }
    }

    [Fact]
    public void AnswerableLinesCarryEvidenceAndShortSpansOfThatEvidence()
    {
        foreach (var question in Written)
        {
            Assert.Equal(question.KindOrStyle == "answerable", question.InScope);
            if (question.Short is { } spans)
                Assert.True(question.InScope && spans.Count > 0, $"{question.Id}: a short answer without evidence");
        }
    }
}
