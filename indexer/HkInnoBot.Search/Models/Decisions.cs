using HkInnoBot.Search.Answers;

namespace HkInnoBot.Search.Models;

/// <summary>
/// The decisions of the answering path, each a <see cref="DecisionModel"/> fitted on the question bank: which of the best
/// passages comes first (rerank), whether it answers the question (answer), whether a question that is not answered is about a topic the text covers, so the reply
/// is partial rather than a decline (partial), whether a message in a conversation is read with the previous topic
/// (context), and which span of the passage is the short answer (short).
/// </summary>
public sealed record Decisions(DecisionModel Rerank, DecisionModel Answer, DecisionModel Partial, DecisionModel Context, DecisionModel Short)
{
    public const string RerankName = "rerank", AnswerName = "answer", PartialName = "partial", ContextName = "context", ShortName = "short";

    private static readonly Lazy<Decisions> Embedded = new(() => new Decisions(
        DecisionModel.Embedded(RerankName, Evidence.AnswerFeatureNames),
        DecisionModel.Embedded(AnswerName, Evidence.AnswerFeatureNames),
        DecisionModel.Embedded(PartialName, Evidence.AnswerFeatureNames),
        DecisionModel.Embedded(ContextName, Evidence.ContextFeatureNames),
        DecisionModel.Embedded(ShortName, ShortAnswers.FeatureNames)));

    /// <summary>The models shipped in the library (<c>Models/*.json</c>).</summary>
    public static Decisions Shipped => Embedded.Value;

    /// <summary>Models that know nothing: what <c>indexer train</c> starts from.</summary>
    public static Decisions Untrained { get; } = new(
        DecisionModel.Untrained(RerankName, Evidence.AnswerFeatureNames),
        DecisionModel.Untrained(AnswerName, Evidence.AnswerFeatureNames),
        DecisionModel.Untrained(PartialName, Evidence.AnswerFeatureNames),
        DecisionModel.Untrained(ContextName, Evidence.ContextFeatureNames),
        DecisionModel.Untrained(ShortName, ShortAnswers.FeatureNames));

    public IEnumerable<DecisionModel> All => [Rerank, Answer, Partial, Context, Short];
}
