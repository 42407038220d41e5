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

    /// <summary>
    /// What the features need of the question, computed once for all the passages weighed: its words and names (in every
    /// form the synonyms give them), those of the clauses that ask, the thing it asks about, its years and numbers, and
    /// for each part asked, the words of that part.
    /// </summary>
    internal sealed class Asked
    {
        public Asked(Question question, PassageQuery query)
        {
            (Question, Query) = (question, query);
            Mentions = query.Mentions;
            Names = [.. Mentions.Where(mention => mention.Uncommon)];
            TotalWeight = Mentions.Sum(mention => mention.Weight);
            var about = question.AskedAbout is null ? null : ChineseText.ComparisonKey(question.AskedAbout);
            AboutForms = about is null ? null : Mentions.FirstOrDefault(mention => mention.Forms.Contains(about))?.Forms ?? [about];
            Years = question.Years;
            Numbers = Answers.Numbers.In(ChineseText.ComparisonKey(question.Text));
            AskingWords = AskingWordsOf(question, Mentions);
            PartWords = [.. question.Parts.Select(part => ShortAnswers.MentionsOf(part, Mentions))];
            Latin = LatinShare(question.Text);
            Unknown = Mentions.Count(mention => mention.Unknown);
            AbsentEveryday = Mentions.Count(mention => mention.Absent && !mention.Uncommon);
            // Octopus, ChatGPT, IANG: a Latin name the text never uses is about something else.
            UnknownLatinNames = Mentions.Count(mention => mention.Absent && mention.Surface.Any(char.IsAsciiLetterUpper) && mention.Surface.All(char.IsAscii));
            UnknownRuns = query.Fragments.Count(fragment => fragment.Unknown);
            PairsLacking = query.Pairs.Count == 0 ? 0 : (double)query.Pairs.Count(pair => pair.DocFreq == 0) / query.Pairs.Count;
        }

        public Question Question { get; }
        public PassageQuery Query { get; }
        public IReadOnlyList<PassageQuery.Mention> Mentions { get; }
        public List<PassageQuery.Mention> Names { get; }
        public double TotalWeight { get; }
        public IReadOnlyList<string>? AboutForms { get; }
        public IReadOnlyList<string> Years { get; }
        public IReadOnlyList<string> Numbers { get; }
        public List<PassageQuery.Mention> AskingWords { get; }
        public IReadOnlyList<List<PassageQuery.Mention>> PartWords { get; }
        public double Latin { get; }
        public int Unknown { get; }
        public int AbsentEveryday { get; }
        public int UnknownLatinNames { get; }
        public int UnknownRuns { get; }
        public double PairsLacking { get; }
    }

    /// <summary>What the answer and partial models read of one of the best passages.</summary>
    internal static double[] Answer(Asked asked, RankedPassage[] ranked, int index, StoredPassage passage, IReadOnlyList<ShortChoice> shorts, bool typoRead)
    {
        var (question, query, mentions, names) = (asked.Question, asked.Query, asked.Mentions, asked.Names);
        var key = passage.ComparisonKey;
        var heaviestMissing = 0.0;
        foreach (var mention in mentions)
            if (!ShortAnswers.IsHeld(mention, key))
                heaviestMissing = Math.Max(heaviestMissing, mention.Weight);
        var namesHeld = 0;
        foreach (var name in names)
            if (ShortAnswers.IsHeld(name, key))
                namesHeld++;
        var (bestShort, worstShort) = (0.0, 1.0);
        foreach (var choice in shorts)
            (bestShort, worstShort) = (Math.Max(bestShort, choice.Probability), Math.Min(worstShort, choice.Probability));
        var parts = question.Parts.Count;
        var years = asked.Years;
        var bestScore = ranked[0].Score;
        var window = Window(mentions, passage);
        return
        [
            ranked[index].Confidence,
            ranked[0].Confidence - ranked[index].Confidence,
            bestScore > 0 ? ranked[index].Score / bestScore : 0,
            ShortAnswers.HeldShare(mentions, key),
            names.Count == 0 ? 0 : (double)namesHeld / names.Count,
            names.Count > 0 ? 1 : 0,
            asked.Unknown,
            asked.AbsentEveryday,
            asked.TotalWeight > 0 ? heaviestMissing / asked.TotalWeight : 0,
            parts > 0 ? 1 : 0,
            bestShort,
            parts > 0 && shorts.Count == parts ? worstShort : 0,
            parts > 0 && passage.Spans.Any(span => ShortAnswers.IsAsked(question.Parts[0].Kind, span.Type)) ? 1 : 0,
            asked.AboutForms is null ? 0 : 1,
            asked.AboutForms is { } about && about.Any(form => key.Contains(form, StringComparison.Ordinal)) ? 1 : 0,
            years.Count > 0 ? 1 : 0,
            years.Count > 0 && years.All(year => key.Contains(year, StringComparison.Ordinal)) ? 1 : 0,
            typoRead ? 1 : 0,
            Math.Log(1 + mentions.Count),
            asked.Latin,
            query.Pairs.Count == 0 ? 0 : (double)query.Pairs.Count(pair => key.Contains(pair.Text, StringComparison.Ordinal)) / query.Pairs.Count,
            asked.PairsLacking,
            // The year asked must stand with the fact given, not anywhere in the passage.
            years.Count == 0 ? 0 : shorts.Count > 0 && shorts.All(choice => years.Any(year => choice.Span.Clause.Contains(year, StringComparison.Ordinal) || choice.Span.Text.Contains(year, StringComparison.Ordinal))) ? 1 : -1,
            ShortAnswers.HeldShare(asked.AskingWords, key),
            names.Count == 0 ? 0 : ShortAnswers.HeldShare(names, key),
            parts == 0 ? 0 : 1 - bestShort,
            asked.UnknownRuns,
            asked.UnknownLatinNames,
            asked.Numbers.Count > 0 ? 1 : 0,
            asked.Numbers.Count == 0 ? 0 : (double)asked.Numbers.Count(number => passage.Numbers.Contains(number)) / asked.Numbers.Count,
            // Runs of characters the segmenter did not know as words (學券, 八達通): the passage holds them or not.
            query.Fragments.Count == 0 ? 0 : (double)query.Fragments.Count(fragment => ShortAnswers.IsHeld(fragment, key)) / query.Fragments.Count,
            Math.Log(1 + query.Pairs.Count),
            query.Fragments.Count,
            // 「香港共有近 4,300 間初創企業」 holds 香港 and 初創企業 in one phrase; a passage naming them far apart speaks of
            // something else that involves both: best of all in one clause.
            Math.Log(1 + window.Characters),
            window.OneClause ? 1 : 0,
        ];
    }

    /// <summary>How close together the passage holds the question's words (in any form): the fewest characters holding
    /// every one it holds (its length when it holds none), and whether one clause holds them all.</summary>
    internal static (int Characters, bool OneClause) Window(IReadOnlyList<PassageQuery.Mention> mentions, StoredPassage passage)
    {
        var key = passage.PlainKey;
        var occurrences = new List<(int At, int End, int Word)>();
        for (var word = 0; word < mentions.Count; word++)
            foreach (var form in mentions[word].Forms)
                for (var at = form.Length == 0 ? -1 : key.IndexOf(form, StringComparison.Ordinal); at >= 0; at = key.IndexOf(form, at + 1, StringComparison.Ordinal))
                    occurrences.Add((at, at + form.Length, word));
        if (occurrences.Count == 0)
            return (key.Length, false);
        occurrences.Sort((a, b) => a.At.CompareTo(b.At));
        var counts = new int[mentions.Count];
        var words = 0;
        foreach (var occurrence in occurrences)
            if (counts[occurrence.Word]++ == 0)
                words++;
        Array.Clear(counts);
        var (best, covered, from) = (int.MaxValue, 0, 0);
        foreach (var occurrence in occurrences)
        {
            if (counts[occurrence.Word]++ == 0)
                covered++;
            while (covered == words)
            {
                var first = occurrences[from];
                var end = 0;
                for (var k = from; k < occurrences.Count && occurrences[k].At <= occurrence.At; k++)
                    end = Math.Max(end, occurrences[k].End);
                best = Math.Min(best, end - first.At);
                if (--counts[first.Word] == 0)
                    covered--;
                from++;
            }
        }
        // One clause holds them all when the clause of some occurrence holds an occurrence of every word.
        var clauseOf = passage.ClauseStarts;
        var oneClause = occurrences.GroupBy(occurrence => ClauseIndex(clauseOf, occurrence.At))
            .Any(clause => clause.Select(occurrence => occurrence.Word).Distinct().Count() == words && clause.All(o => ClauseIndex(clauseOf, o.End - 1) == clause.Key));
        return (best, oneClause);
    }

    private static int ClauseIndex(IReadOnlyList<int> starts, int at)
    {
        var index = 0;
        while (index + 1 < starts.Count && starts[index + 1] <= at)
            index++;
        return index;
    }

    /// <summary>The words of the clauses that ask (the parts asking a fact; else the sentences ending in a question
    /// mark): a long question tells its story first, and what it asks is what the passage must hold.</summary>
    private static List<PassageQuery.Mention> AskingWordsOf(Question question, IReadOnlyList<PassageQuery.Mention> mentions)
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
