namespace HkInnoBot.Search.Answers;

public enum AnswerStatus
{
    /// <summary>The best passage covers enough of the question to be its answer.</summary>
    Answered,

    /// <summary>The text has no answer: the hits, if any, are only the nearest topics.</summary>
    NoAnswer,

    /// <summary>The text speaks of the question's topic (<see cref="Answer.Mentioned"/>) but does not give what it asks
    /// (<see cref="Answer.Missing"/>): the best hit is related, not the answer.</summary>
    Partial,

    /// <summary>Nothing in the message to search for: empty, punctuation, emoji, or only question words.</summary>
    NothingToSearch,

    /// <summary>A word or two that name nothing (「幾時成立？」), with no question before it to lean on: the reply asks what
    /// it is about rather than guess.</summary>
    NeedsTopic,

    /// <summary>No index can serve.</summary>
    Unavailable,
}

/// <summary>
/// A question's answer, computed in one pass: ranked passages with their confidence, the short answer, and every text
/// already in the question's script. What shows it (a card, a JSON line, an evaluation) formats it and nothing more.
/// </summary>
/// <param name="Hits">The page of ranked passages that was asked for.</param>
/// <param name="ShortAnswer">The figure, date or rank the best passage gives, when the question asks for one.</param>
/// <param name="Mentioned">For a partial answer, what of the question the text speaks of, as the user wrote it.</param>
/// <param name="Missing">For a partial answer, what of the question it does not speak of; null when only the kind of
/// fact asked for (<see cref="Question.Asks"/>) is missing.</param>
public sealed record Answer(Question Question, AnswerStatus Status, IReadOnlyList<Hit> Hits, string? ShortAnswer = null,
    string? Mentioned = null, string? Missing = null)
{
    public bool Answered => Status == AnswerStatus.Answered;

    /// <summary>For a follow-up read in the light of the previous question, the question as understood standing
    /// alone (「科技園公司 佢投咗幾多間？」): what buttons carry, so they work without the conversation.</summary>
    public Question? Understood { get; init; }

    /// <summary>For such a follow-up, the topic it was taken to be about, shown so that a wrong guess is visible.</summary>
    public string? About { get; init; }

    /// <summary>Words of the text that slips in the question were read as (科技卷 as 科技券), shown so that the reading
    /// is visible; null when the question was searched as typed.</summary>
    public IReadOnlyList<string>? ReadAs { get; init; }

    /// <summary>The short answer part by part (「…投咗幾多間？金額多少？」 has two); a part the passage gives no span for
    /// has none, so a reply can say what the text does not give. Empty when there is no short answer to give.</summary>
    public IReadOnlyList<ShortPart> ShortParts { get; init; } = [];

    /// <summary>The answer model's probability that the first passage answers the question (for a question that was
    /// searched); what the reliability table of the README is drawn from.</summary>
    public double? Probability { get; init; }

    /// <summary>For a question the text has no answer to, the names it asks about that the text does speak of
    /// (「數碼港」): what to suggest asking about instead. Empty otherwise.</summary>
    public IReadOnlyList<string> Named { get; init; } = [];

        /// <summary>What the next message of the conversation is read with: this question's topic, or the previous
    /// context when this message found nothing.</summary>
    public FollowUpContext? Context { get; init; }
}

/// <summary>A ranked passage; its texts are in the question's script.</summary>
/// <param name="Confidence">How much of the question's weight the passage covers, in [0, 1]; comparable across questions.</param>
/// <param name="Highlighted"><paramref name="Text"/> with the question's words wrapped in **…**; only for the hits that
/// are shown in full, null for the others.</param>
/// <param name="Document">The corpus file it is from; <paramref name="Page"/> (a PDF's) and <paramref name="Url"/> are
/// null where there is none.</param>
public sealed record Hit(
    int Rank, float Score, double Confidence, string Id, string Section,
    string Title, string Updated, string Text, string? Highlighted, string Document, int? Page, string? Url);
