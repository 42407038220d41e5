using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Ranking;

namespace HkInnoBot.Search.Answers;

/// <summary>
/// What the decision models read: for a passage, how well it answers the question (answer and partial models); for a
/// message in a conversation, whether it leans on the previous topic (context model). Each feature is something the
/// search has already computed, or a check that used to decide on its own (a word the text never uses, the kind of fact
/// asked, the year asked) and now only weighs, with the weight fitted on the question bank. Names are part of the model
/// files: a model fitted on other features does not load.
/// </summary>
public static partial class Evidence
{
    public static readonly IReadOnlyList<string> AnswerFeatureNames =
    [
        "confidence", "below the best", "score against the best", "words held", "names held", "names asked",
        "unknown words", "absent everyday words", "heaviest word missing", "asks a fact", "short answer", "every part answered",
        "type asked given", "names a thing asked about", "thing asked about held", "year asked", "year asked held", "typo read",
        "words asked", "English question", "pairs held", "pairs the text lacks", "short answer's year", "asking words held",
        "names' weight held", "fact asked, none given", "unknown character runs", "unknown proper names", "numbers asked",
        "numbers asked held", "runs held", "pairs asked", "runs asked", "words close together", "words in one clause",
    ];

    /// <summary>What the answer and partial models read of one of the best passages.</summary>
    internal static double[] Answer(Question question, PassageQuery query, RankedPassage[] ranked, int index, StoredPassage passage,
        IReadOnlyList<ShortChoice> shorts, bool typoRead)
    {
        var mentions = query.Mentions;
        var key = passage.ComparisonKey;
        var names = mentions.Where(mention => mention.Uncommon).ToList();
        var total = mentions.Sum(mention => mention.Weight);
        var heaviestMissing = mentions.Where(mention => !ShortAnswers.IsHeld(mention, key)).Select(mention => mention.Weight).DefaultIfEmpty(0).Max();
        var about = question.AskedAbout is null ? null : ChineseText.ComparisonKey(question.AskedAbout);
        var aboutForms = about is null ? null : mentions.FirstOrDefault(mention => mention.Forms.Contains(about))?.Forms ?? [about];
        var years = question.Years;
        var bestScore = ranked[0].Score;
        var numbers = Numbers.In(ChineseText.ComparisonKey(question.Text));
        var passageNumbers = passage.Numbers;
        return
        [
            ranked[index].Confidence,
            ranked[0].Confidence - ranked[index].Confidence,
            bestScore > 0 ? ranked[index].Score / bestScore : 0,
            ShortAnswers.HeldShare(mentions, key),
            names.Count == 0 ? 0 : (double)names.Count(name => ShortAnswers.IsHeld(name, key)) / names.Count,
            names.Count > 0 ? 1 : 0,
            mentions.Count(mention => mention.Unknown),
            mentions.Count(mention => mention.Absent && !mention.Uncommon),
            total > 0 ? heaviestMissing / total : 0,
            question.Parts.Count > 0 ? 1 : 0,
            shorts.Count > 0 ? shorts.Max(choice => choice.Probability) : 0,
            question.Parts.Count > 0 && shorts.Count == question.Parts.Count ? shorts.Min(choice => choice.Probability) : 0,
            question.Parts.Count > 0 && passage.Spans.Any(span => ShortAnswers.IsAsked(question.Parts[0].Kind, span.Type)) ? 1 : 0,
            aboutForms is null ? 0 : 1,
            aboutForms is not null && aboutForms.Any(form => key.Contains(form, StringComparison.Ordinal)) ? 1 : 0,
            years.Count > 0 ? 1 : 0,
            years.Count > 0 && years.All(year => key.Contains(year, StringComparison.Ordinal)) ? 1 : 0,
            typoRead ? 1 : 0,
            Math.Log(1 + mentions.Count),
            LatinShare(question.Text),
            query.Pairs.Count == 0 ? 0 : (double)query.Pairs.Count(pair => key.Contains(pair.Text, StringComparison.Ordinal)) / query.Pairs.Count,
            query.Pairs.Count == 0 ? 0 : (double)query.Pairs.Count(pair => pair.DocFreq == 0) / query.Pairs.Count,
            // The year asked must stand with the fact given, not anywhere in the passage.
            years.Count == 0 ? 0 : shorts.Count > 0 && shorts.All(choice => years.Any(year => choice.Span.Clause.Contains(year, StringComparison.Ordinal) || choice.Span.Text.Contains(year, StringComparison.Ordinal))) ? 1 : -1,
            ShortAnswers.HeldShare(AskingWords(question, mentions), key),
            names.Count == 0 ? 0 : ShortAnswers.HeldShare(names, key),
            question.Parts.Count == 0 ? 0 : 1 - (shorts.Count > 0 ? shorts.Max(choice => choice.Probability) : 0),
            query.Fragments.Count(fragment => fragment.Unknown),
            // Octopus, ChatGPT, IANG: a Latin name the text never uses is about something else.
            mentions.Count(mention => mention.Absent && mention.Surface.Any(char.IsAsciiLetterUpper) && mention.Surface.All(char.IsAscii)),
            numbers.Count > 0 ? 1 : 0,
            numbers.Count == 0 ? 0 : (double)numbers.Count(number => passageNumbers.Contains(number)) / numbers.Count,
            // Runs of characters the segmenter did not know as words (學券, 八達通): the passage holds them or not.
            query.Fragments.Count == 0 ? 0 : (double)query.Fragments.Count(fragment => ShortAnswers.IsHeld(fragment, key)) / query.Fragments.Count,
            Math.Log(1 + query.Pairs.Count),
            query.Fragments.Count,
            // 「香港共有近 4,300 間初創企業」 holds 香港 and 初創企業 in one phrase; a passage naming them far apart speaks of
            // something else that involves both.
            Math.Log(1 + Window(mentions, key)),
            // ... and best of all in one clause.
            InOneClause(mentions, key) ? 1 : 0,
        ];
    }

    /// <summary>The fewest characters of the passage that hold every word of the question it holds (in any form); the
    /// passage's length when it holds none.</summary>
    internal static int Window(IReadOnlyList<PassageQuery.Mention> mentions, string key)
    {
        var occurrences = new List<(int At, int End, int Word)>();
        for (var word = 0; word < mentions.Count; word++)
            foreach (var form in mentions[word].Forms)
                for (var at = form.Length == 0 ? -1 : key.IndexOf(form, StringComparison.Ordinal); at >= 0; at = key.IndexOf(form, at + 1, StringComparison.Ordinal))
                    occurrences.Add((at, at + form.Length, word));
        var words = occurrences.Select(occurrence => occurrence.Word).Distinct().Count();
        if (words == 0)
            return key.Length;
        occurrences.Sort((a, b) => a.At.CompareTo(b.At));
        var counts = new int[mentions.Count];
        var (best, covered, from) = (int.MaxValue, 0, 0);
        foreach (var occurrence in occurrences)
        {
            if (counts[occurrence.Word]++ == 0)
                covered++;
            while (covered == words)
            {
                var first = occurrences[from];
                best = Math.Min(best, occurrences.Take(from..).TakeWhile(o => o.At <= occurrence.At).Max(o => o.End) - first.At);
                if (--counts[first.Word] == 0)
                    covered--;
                from++;
            }
        }
        return best;
    }

    /// <summary>Whether one clause of the passage holds every word of the question that the passage holds.</summary>
    private static bool InOneClause(IReadOnlyList<PassageQuery.Mention> mentions, string key)
    {
        var held = mentions.Where(mention => ShortAnswers.IsHeld(mention, key)).ToList();
        return held.Count > 0 && Clauses.Of(key).Any(clause => held.All(mention => ShortAnswers.IsHeld(mention, clause)));
    }

    /// <summary>The words of the clauses that ask (the parts asking a fact; else the sentences ending in a question
    /// mark): a long question tells its story first, and what it asks is what the passage must hold.</summary>
    private static List<PassageQuery.Mention> AskingWords(Question question, IReadOnlyList<PassageQuery.Mention> mentions)
    {
        var asking = question.Parts.Count > 0 ? question.Parts.Select(part => part.Text) : Sentences().Matches(question.Text).Select(sentence => sentence.Value);
        var keys = asking.Select(ChineseText.ComparisonKey).ToList();
        var words = mentions.Where(mention => keys.Any(key => ShortAnswers.IsHeld(mention, key)
            || key.Contains(ChineseText.ComparisonKey(mention.Surface), StringComparison.Ordinal))).ToList();
        return words.Count > 0 ? words : [.. mentions];
    }

    public static readonly IReadOnlyList<string> ContextFeatureNames =
    [
        "refers back", "turns to a name", "points at a name", "own words", "own names", "own unknown words",
        "answer alone", "answer in context", "context answer holds own words", "alone answer holds the topic",
        "same passage", "asks a fact", "message length", "own words the text lacks", "context answer covers the message",
        "context answer answers the message",
    ];

    /// <summary>What the context model reads of a message read alone and read with the previous topic.
    /// <paramref name="coverage"/>: how much of the message's own words the passage found in context covers (its
    /// confidence for the message alone); <paramref name="answersMessage"/>: the answer model's probability that the
    /// passage answers the message alone.</summary>
    internal static double[] Context(Question message, IReadOnlyList<string> topic, FollowUps.Turn? turn, bool pointed,
        PassageQuery? alone, double aloneProbability, StoredPassage? aloneAnswer, double contextProbability, StoredPassage? contextAnswer,
        double coverage, double answersMessage)
    {
        var own = alone?.Mentions ?? [];
        var topicKey = ChineseText.ComparisonKey(string.Concat(topic));
        // The message's own words, not those inside the previous topic's name (香港 in 香港科技園公司).
        var mine = own.Where(mention => !topicKey.Contains(ChineseText.ComparisonKey(mention.Surface), StringComparison.Ordinal)).ToList();
        var topicForms = topic.Select(ChineseText.ComparisonKey).ToList();
        return
        [
            FollowUps.RefersBack(message.Text) ? 1 : 0,
            turn is not null ? 1 : 0,
            pointed ? 1 : 0,
            Math.Log(1 + own.Count),
            own.Count(mention => mention.Uncommon),
            alone is null ? 0 : own.Concat(alone.Fragments).Count(mention => mention.Unknown),
            aloneProbability,
            contextProbability,
            contextAnswer is null || mine.Count == 0 ? 0 : ShortAnswers.HeldShare(mine, contextAnswer.ComparisonKey),
            aloneAnswer is null || topicForms.Count == 0 ? 0
                : (double)topicForms.Count(form => aloneAnswer.ComparisonKey.Contains(form, StringComparison.Ordinal)) / topicForms.Count,
            aloneAnswer is not null && aloneAnswer == contextAnswer ? 1 : 0,
            message.Parts.Count > 0 ? 1 : 0,
            Math.Log(1 + message.Text.Length),
            // 今晚, 打風, 恒指: words no passage holds say the message is about something else.
            alone is null ? 0 : mine.Count(mention => mention.Absent) + alone.Fragments.Count(fragment => fragment.Absent),
            coverage,
            answersMessage,
        ];
    }

    /// <summary>The share of a text's letters and Han characters that are Latin letters: 1 for an English question.</summary>
    public static double LatinShare(string text)
    {
        int latin = 0, all = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
                latin++;
            if (char.IsAsciiLetter(c) || c >= '\u3400')
                all++;
        }
        return all == 0 ? 0 : (double)latin / all;
    }

    // A sentence that ends in a question mark.
    [System.Text.RegularExpressions.GeneratedRegex(@"[^？?。！!]*[？?]")]
    private static partial System.Text.RegularExpressions.Regex Sentences();
}
