namespace HkInnoBot.Search.Ranking;

/// <summary>The steps of query understanding and ranking. Each can be switched off, so <c>eval --ablation</c> shows what it buys.</summary>
[Flags]
public enum QueryFeatures
{
    None = 0,

    /// <summary>Hong Kong Cantonese rewritten as standard written Chinese (幾多 → 多少, 係 → 是).</summary>
    Cantonese = 1,

    /// <summary>Question phrases, particles and function words dropped (甚麼, 嗎, 的, how, what).</summary>
    QuestionWords = 2,

    /// <summary>Aliases and everyday words of corpus/synonyms.txt.</summary>
    Synonyms = 4,

    /// <summary>Extra credit when three or more characters of the question appear in order.</summary>
    OrderedRuns = 8,

    /// <summary>Passages reranked by how much of the question they cover, not only by what their terms earn.</summary>
    Coverage = 16,

    /// <summary>A question asking for an amount, date, place, person… answered only by a passage that gives one; a
    /// passage about the topic without it is related, not the answer.</summary>
    AnswerType = 32,

    /// <summary>A word of the question that the text never uses weighs against answering it.</summary>
    UnknownWords = 64,

    /// <summary>A follow-up read with the previous question's topic (佢, 咁…呢, a message naming no topic).</summary>
    FollowUps = 128,

    All = Cantonese | QuestionWords | Synonyms | OrderedRuns | Coverage | AnswerType | UnknownWords | FollowUps,
}
