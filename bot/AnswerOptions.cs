namespace HkInnoBot.Bot;

/// <summary>How answers are presented. Bound from the "Answers" section.</summary>
public sealed class AnswerOptions
{
    public const string Section = "Answers";

    /// <summary>Passages per "more results" page.</summary>
    public int PageSize { get; set; } = 3;

    /// <summary>Other passages offered as buttons under an answer when their confidence is close to the best one.</summary>
    public int MaxAlternatives { get; set; } = 2;

    /// <summary>How far below the best passage's confidence an alternative may be and still count as close.</summary>
    public double CloseConfidenceMargin { get; set; } = 0.15;

    /// <summary>"More results" stops at passages covering less than this share of what the best one covers (and less
    /// than half of it when they hold no word of the answer's topic).</summary>
    public double RelatedConfidenceShare { get; set; } = 0.3;

    public static bool AreValid(AnswerOptions options) =>
        options.PageSize is >= 1 and <= 10
        && options.MaxAlternatives is >= 0 and <= 5
        && options.CloseConfidenceMargin is >= 0 and <= 1
        && options.RelatedConfidenceShare is >= 0 and <= 1;
}
