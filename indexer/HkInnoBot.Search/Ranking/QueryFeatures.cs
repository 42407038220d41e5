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

    /// <summary>Whether a passage answers, whether an unanswered question gets a partial reply, and which span is the
    /// short answer, decided by the models fitted on the question bank. Without it the first passage always answers.</summary>
    AnswerModel = 32,

    /// <summary>A follow-up read with the previous question's topic (佢, 咁…呢, a message naming no topic), when the
    /// context model finds that reads it better.</summary>
    FollowUps = 64,

    /// <summary>A word the text never uses read as the text's word one character away that sounds alike (科技卷 → 科技券).</summary>
    TypoReading = 128,

    All = Cantonese | QuestionWords | Synonyms | OrderedRuns | Coverage | AnswerModel | FollowUps | TypoReading,
}
