using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Index;
using HkInnoBot.Search.Models;
using HkInnoBot.Search.Ranking;
using Lucene.Net.Analysis;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Search.Answers;

/// <summary>
/// Turns a question into an <see cref="Answer"/>: the one answering path that the bot, the command line, the evaluation
/// and the benchmarks all call. One instance serves every thread, with no lock: the reader and searcher are
/// thread-safe, the analyzer keeps its token streams per thread, and script conversion is a table lookup.
/// </summary>
public sealed class Answerer : IDisposable
{
    private readonly SearchSettings settings;
    private readonly LiveIndex index;
    private readonly Decisions decisions;
    private readonly Analyzer analyzer = ChineseAnalysis.Create();

    private Answerer(SearchSettings settings, LiveIndex index, Decisions? decisions)
    {
        this.settings = settings;
        this.index = index;
        this.decisions = decisions ?? Decisions.Shipped;
        ChineseAnalysis.Warm(analyzer);
    }

    /// <summary>Opens the index (building it first when missing, damaged or stale). Without a usable index the answerer
    /// still works, and every answer is <see cref="AnswerStatus.Unavailable"/> until <see cref="Refresh"/> finds one.
    /// <paramref name="decisions"/>: the shipped models unless training gives others.</summary>
    public static Answerer Open(SearchSettings settings, ILogger logger, Decisions? decisions = null) =>
        new(settings, LiveIndex.Open(settings, logger), decisions);

    /// <summary>Opens the index as it is on disk, without building it.</summary>
    public static Answerer OpenExisting(SearchSettings settings, Decisions? decisions = null) =>
        new(settings, LiveIndex.OpenExisting(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), decisions);

    /// <summary>Follows changes to the corpus and index folders (<see cref="LiveIndex.Refresh"/>).</summary>
    public void Refresh(bool watchCorpus = true) => index.Refresh(watchCorpus);

    public bool IsAvailable => index.IsAvailable;

    /// <summary>What serves now; null when nothing does.</summary>
    public (PassageIndex.CommitInfo Commit, int Passages)? Describe() => index.Describe();

    public int PassageCount => Describe()?.Passages ?? 0;

    /// <inheritdoc cref="LiveIndex.BuildFailure"/>
    public string? BuildFailure => index.BuildFailure;

    public Question Understand(string? message) => Question.Parse(message, settings.Features);

    public Answer Ask(string? message, int top = 3, int offset = 0, int highlighted = 1) => Ask(Understand(message), top, offset, highlighted);

    public Answer Ask(Question question, int top = 3, int offset = 0, int highlighted = 1) => Ask(question, context: null, top, offset, highlighted);

    /// <summary>
    /// The best passages for a question, <paramref name="top"/> of them from rank <paramref name="offset"/>, the first
    /// <paramref name="highlighted"/> of them with the question's words marked. Any text is safe: it is analysed into
    /// terms, never parsed as query syntax. With the <paramref name="context"/> of the previous question, a follow-up
    /// is read in its light (<see cref="FollowUps"/>); the answer carries the context for the next message.
    /// </summary>
    public Answer Ask(Question question, FollowUpContext? context, int top = 3, int offset = 0, int highlighted = 1) =>
        Answer(question, context, top, offset, highlighted, deliberation: null);

    /// <summary>The answer as <see cref="Ask(Question, FollowUpContext?, int, int, int)"/> gives it, and what every
    /// decision saw on the way (<see cref="Deliberation"/>): what <c>indexer train</c> fits the models on.</summary>
    public (Answer Answer, Deliberation Deliberation) Deliberate(Question question, FollowUpContext? context, int top = 3)
    {
        var deliberation = new Deliberation();
        return (Answer(question, context, top, 0, 0, deliberation), deliberation);
    }

    private Answer Answer(Question question, FollowUpContext? context, int top, int offset, int highlighted, Deliberation? deliberation)
    {
        using var lease = index.Acquire();
        if (lease is not { Searcher: var searcher, Synonyms: var synonyms })
            return new Answer(question, AnswerStatus.Unavailable, []) { Context = context };
        if (top <= 0)
            return new Answer(question, AnswerStatus.NothingToSearch, []) { Context = context };

        // Paging never asks for more than the index holds, whatever a button value says; the decisions always weigh
        // the best few.
        var maxDoc = searcher.IndexReader.MaxDoc;
        offset = Math.Clamp(offset, 0, maxDoc);
        var wanted = Math.Min(Math.Max(offset + Math.Min(top, maxDoc), Candidates), maxDoc);
        var search = new Search(this, searcher, synonyms, wanted, offset, deliberation);
        var attempt = search.Run(question);
        if (deliberation is not null)
            deliberation.Alone = search.Considered(attempt);
        if (context is not null && settings.Features.HasFlag(QueryFeatures.FollowUps))
            attempt = search.InContext(question, context, attempt);
        else if (settings.Features.HasFlag(QueryFeatures.FollowUps) && NamesNothing(question, attempt.Query))
            attempt = attempt with { Status = AnswerStatus.NeedsTopic };
        return Finish(searcher, question, attempt, offset, top, highlighted, context);
    }

    /// <summary>A question of a word or two, none of them a name (「幾時成立？」 is searched for 「成立」): it leans on a
    /// question before it.</summary>
    private static bool NamesNothing(Question question, PassageQuery? query) =>
        query is not null && question.Searchable.Trim().Length <= 3 && !query.Mentions.Any(mention => mention.Uncommon);

    /// <summary>How many of the best passages the answer model weighs: one further down that gives the asked fact may go
    /// first.</summary>
    public const int Candidates = 3;

    // A passage weighed as the answer: its place in the ranking, what the answer model read of it and concluded, and
    // the spans chosen for the question's parts.
    private sealed record Candidate(RankedPassage Ranked, StoredPassage Passage, double[] Features, double Probability,
        IReadOnlyList<ShortChoice> Shorts);

    // One reading of a question: its query, ranking, candidates and verdict. A follow-up may be read twice, alone and in
    // context; read in context, it is about the previous topic or the thing it turns to.
    private sealed record Attempt(Question Question, PassageQuery? Query, RankedPassage[] Ranked, Candidate[] Candidates,
        AnswerStatus Status, string? Mentioned = null, string? Missing = null, string? About = null, IReadOnlyList<string>? ReadAs = null,
        Evidence.Asked? Asked = null)
    {
        public Candidate? Best => Candidates.Length > 0 ? Candidates[0] : null;
    }

    private sealed class Search(Answerer answerer, PassageSearcher searcher, Synonyms synonyms, int wanted, int offset, Deliberation? deliberation)
    {
        private readonly QueryFeatures features = answerer.settings.Features;
        private readonly Decisions decisions = answerer.decisions;

        /// <summary>The question searched as typed and, when a slip is suspected (科技卷), as read without it: the reading
        /// the answer model finds likelier to be answered goes on, so a name the text never uses (強積金) is not taken
        /// for one it does (基金) unless that answers the question.</summary>
        public Attempt Run(Question question)
        {
            var asTyped = Searched(question, readAs: null);
            var reading = question.Searchable.Length > 0 && features.HasFlag(QueryFeatures.TypoReading)
                ? TypoReading.Read(question.Searchable, new TermLookup(searcher),
                    text => ChineseAnalysis.Tokens(answerer.analyzer, ChineseAnalysis.WordsField, text).Select(word => (word.Start, word.End)))
                : null;
            if (reading is null)
                return asTyped;
            var read = Searched(question with { Searchable = reading.Searchable }, reading.Words);
            return (read.Best?.Probability ?? 0) > (asTyped.Best?.Probability ?? 0) ? read : asTyped;
        }

        private Attempt Searched(Question question, IReadOnlyList<string>? readAs)
        {
            var query = question.Searchable.Length == 0 ? null
                : PassageQuery.Build(question.Searchable, answerer.analyzer, searcher, synonyms, features);
            if (query is null)
                return new Attempt(question, null, [], [], AnswerStatus.NothingToSearch);
            var ranked = PassageScorer.Rank(query, searcher.HoldsVersions ? wanted + Versions.Lookahead : wanted, features.HasFlag(QueryFeatures.Coverage));
            HashSet<int>? superseded = null;
            if (searcher.HoldsVersions)
                (ranked, superseded) = Versions.NewestFirst(searcher, ranked, wanted, question.Years);
            if (ranked.Length == 0)
                return new Attempt(question, query, ranked, [], AnswerStatus.NoAnswer, ReadAs: readAs);
            return Decide(question, query, ranked, superseded, readAs);
        }

        /// <summary>
        /// The reranker weighs the best few passages and puts one first; it answers when the answer model is sure
        /// enough. Otherwise the partial model tells a question about a topic the text covers, whose reply says what
        /// the text mentions and not (「提到「數碼港」，但沒有提及停車場收費」), from one the text has nothing on.
        /// </summary>
        private Attempt Decide(Question question, PassageQuery query, RankedPassage[] ranked, HashSet<int>? superseded, IReadOnlyList<string>? readAs)
        {
            if (!features.HasFlag(QueryFeatures.AnswerModel))
                return new Attempt(question, query, ranked, [], AnswerStatus.Answered, ReadAs: readAs);
            var asked = new Evidence.Asked(question, query);
            var candidates = new Candidate[Math.Min(Candidates, ranked.Length)];
            for (var i = 0; i < candidates.Length; i++)
            {
                var passage = searcher.Passage(ranked[i].Doc);
                var shorts = question.Parts.Count == 0 ? [] : ShortAnswers.Choose(asked, passage, decisions.Short);
                var values = Evidence.Answer(asked, ranked, i, passage, shorts, readAs is not null);
                candidates[i] = new Candidate(ranked[i], passage, values, decisions.Answer.Probability(values), shorts);
            }

            // The reranker puts one first (never a passage a newer version replaces); the answer model decides whether it answers.
            var best = Array.IndexOf(candidates, candidates.Where(candidate => superseded?.Contains(candidate.Ranked.Doc) != true)
                .MaxBy(candidate => decisions.Rerank.Probability(candidate.Features)));
            if (candidates[best].Probability >= decisions.Answer.Threshold)
            {
                if (offset == 0 && best > 0)
                {
                    // Stable: the others keep their order behind it.
                    (var first, var chosen) = (ranked[best], candidates[best]);
                    Array.Copy(ranked, 0, ranked, 1, best);
                    Array.Copy(candidates, 0, candidates, 1, best);
                    (ranked[0], candidates[0]) = (first, chosen);
                }
                return new Attempt(question, query, ranked, candidates, AnswerStatus.Answered, ReadAs: readAs, Asked: asked);
            }
            var key = candidates[0].Passage.ComparisonKey;
            if (!decisions.Partial.Decides(candidates[0].Features)
                || query.Mentions.Where(mention => ShortAnswers.IsHeld(mention, key)).MaxBy(mention => mention.Weight) is not { } topic)
                return new Attempt(question, query, ranked, candidates, AnswerStatus.NoAnswer, ReadAs: readAs, Asked: asked);
            // SmartCn may cut the thing asked about (手續 + 費) so that every word is held: it is still what is missing.
            var missing = Join([.. query.Mentions.Where(mention => !ShortAnswers.IsHeld(mention, key))]) ?? question.AskedAbout;
            return new Attempt(question, query, ranked, candidates, AnswerStatus.Partial, topic.Surface, missing, ReadAs: readAs, Asked: asked);
        }

        /// <summary>
        /// The message read with the previous question's topic when the context model finds that reads it better; the
        /// message alone otherwise. In context, a message that refers back or names no topic of its own is asked with
        /// the previous topic before it; one that turns the previous question to another thing (「咁數碼港呢？」) asks it
        /// about that; one that points at a thing of the previous answer (「那個研發院」) names it as that answer does.
        /// </summary>
        public Attempt InContext(Question message, FollowUpContext context, Attempt alone)
        {
            var turn = FollowUps.TurnsTo(message.Text);
            // A message answered alone by a passage holding a name it gives (「數碼港有多少間初創企業？」) is a question of
            // its own: it replaces the topic, and costs one search.
            if (alone is { Status: AnswerStatus.Answered, Query: { } query, Best: { } best } && turn is null && !FollowUps.RefersBack(message.Text)
                && query.Mentions.Any(mention => mention.Uncommon && ShortAnswers.IsHeld(mention, best.Passage.ComparisonKey)))
                return alone;
            var named = context.PassageId is { } id && searcher.DocOf(id) is { } doc
                ? FollowUps.NamePointedAt(message.Text, searcher.Passage(doc).Text)
                : null;
            var standalone = Question.Parse(named?.Text ?? FollowUps.Resolve(message.Text, context, turn), features);
            var resolved = Run(standalone with { Script = message.Script }) with
            {
                About = named?.Name ?? (turn is { Name.Length: > 0 } ? turn.Name : string.Join("、", context.Topic)),
            };
            var (coverage, answersMessage) = alone.Query is { } own && resolved.Best is { } found
                ? Weigh(alone.Asked ?? new Evidence.Asked(message, own), found)
                : (0, 0);
            var values = Evidence.Context(message, context.Topic, turn, named is not null, alone.Query,
                alone.Best?.Probability ?? 0, alone.Best?.Passage, resolved.Best?.Probability ?? 0, resolved.Best?.Passage,
                coverage, answersMessage);
            var probability = decisions.Context.Probability(values);
            var taken = probability >= decisions.Context.Threshold && resolved.Status != AnswerStatus.NothingToSearch;
            // Training sees the reading as it would be answered.
            if ((taken || deliberation is not null) && message.Parts.Count > 0 && resolved.Best is { } first)
                resolved = AskingAsTheMessageAsks(resolved, message, first);
            if (deliberation is not null)
                (deliberation.InContext, deliberation.ContextFeatures, deliberation.ContextProbability) = (Considered(resolved), values, probability);
            return taken ? resolved : alone;
        }

        /// <summary>A follow-up's short answer gives what the message asks (「首批大樓何時落成？」: a date), not what the
        /// words of the topic it was searched with ask (「總樓面面積」 of the question before: an area). Each part keeps
        /// the words it was searched with, topic included, which the span chosen should stand near. A message that asks
        /// nothing of its own (「咁數碼港呢？」) asks what the question before asked.</summary>
        private Attempt AskingAsTheMessageAsks(Attempt resolved, Question message, Candidate best)
        {
            var searched = resolved.Question.Parts;
            var question = resolved.Question with
            {
                Parts = searched.Count == message.Parts.Count
                    ? [.. message.Parts.Zip(searched, (asked, withTopic) => asked with { Text = withTopic.Text })]
                    : message.Parts,
            };
            var shorts = ShortAnswers.Choose(new Evidence.Asked(question, resolved.Query!), best.Passage, decisions.Short);
            return resolved with { Question = question, Candidates = [best with { Shorts = shorts }, .. resolved.Candidates[1..]] };
        }

        /// <summary>The passage found in context weighed for the message alone: how much of the message's own words it
        /// covers, and the answer model's probability that it answers what the message itself says. 「幾時開始？」 is
        /// answered by a passage giving a date; 「恒指今日幾多點？」 is not, whatever the topic.</summary>
        private (double Coverage, double Probability) Weigh(Evidence.Asked asked, Candidate found)
        {
            var ranked = found.Ranked with { Confidence = PassageScorer.Confidence(asked.Query, found.Ranked.Doc) };
            var shorts = asked.Question.Parts.Count == 0 ? [] : ShortAnswers.Choose(asked, found.Passage, decisions.Short);
            return (ranked.Confidence, decisions.Answer.Probability(Evidence.Answer(asked, [ranked], 0, found.Passage, shorts, typoRead: false)));
        }

        /// <summary>What the decisions saw of a reading, for training: every span of every weighed passage for every part,
        /// not only the chosen ones.</summary>
        public Deliberation.Reading Considered(Attempt attempt)
        {
            var spans = new double[ShortAnswers.FeatureNames.Count];
            return new Deliberation.Reading(attempt.Question, attempt.Status, [.. attempt.Candidates.Select(candidate =>
                new Deliberation.Weighed(candidate.Passage.Id, candidate.Passage.Text, candidate.Features, candidate.Probability,
                    [.. attempt.Question.Parts.SelectMany((part, p) =>
                    {
                        var asked = new Evidence.Asked(attempt.Question, attempt.Query!);
                        var view = new ShortAnswers.PartView(part, asked.PartWords[p], candidate.Passage, asked.Mentions);
                        return candidate.Passage.Spans.Where(span => ShortAnswers.IsPossible(part.Kind, span.Type)).Select(span =>
                        {
                            ShortAnswers.Features(view, span, asked.Latin, spans);
                            return new Deliberation.WeighedSpan(p, span.Text, [.. spans], decisions.Short.Probability(spans));
                        });
                    })]))]);
        }
    }

    private Answer Finish(PassageSearcher searcher, Question question, Attempt attempt, int offset, int top, int highlighted,
        FollowUpContext? previous)
    {
        var (resolved, query, ranked, status) = (attempt.Question, attempt.Query, attempt.Ranked, attempt.Status);
        var hits = ranked.Skip(offset).Take(top)
            .Select((passage, i) => ToHit(searcher, resolved, query, passage, offset + i + 1, highlight: i < highlighted))
            .ToList();
        IReadOnlyList<ShortPart> shortParts = status == AnswerStatus.Answered && offset == 0 && attempt.Best is { } best
            ? [.. ShortAnswers.Parts(resolved.Parts, best.Shorts, decisions.Short).Select(part => part with { Text = part.Text is null ? null : ChineseText.InScript(part.Text, question.Script) })]
            : [];
        var shortAnswer = ShortAnswers.Text(shortParts);
        // The next message is read with this question's topic; one the text has nothing on keeps the one before.
        var topic = status is AnswerStatus.Answered or AnswerStatus.Partial && query is not null
            ? Topic(query, searcher.Passage(ranked[0].Doc).ComparisonKey)
            : [];
        var context = topic.Count > 0 ? new FollowUpContext(resolved.Text, topic, searcher.Passage(ranked[0].Doc).Id) : previous;
        // Not when the question is about a name the text never uses (「書簿津貼」: its 「津貼」 is another thing).
        var named = status == AnswerStatus.NoAnswer && query is not null && !query.Mentions.Any(mention => mention.Unknown)
            ? query.Mentions.Where(mention => mention.Uncommon
                    && ranked.Take(Candidates).Any(passage => ShortAnswers.IsHeld(mention, searcher.Passage(passage.Doc).ComparisonKey)))
                .Select(mention => mention.Surface).Distinct().Take(3).ToList()
            : [];
        return new Answer(question, status, hits, shortAnswer,
            attempt.Mentioned, attempt.Missing is null ? null : ChineseText.InScript(attempt.Missing, question.Script))
        {
            Understood = attempt.About is null ? null : resolved,
            About = attempt.About is null ? null : ChineseText.InScript(attempt.About, question.Script),
            ReadAs = attempt.ReadAs?.Select(word => ChineseText.InScript(word, question.Script)).ToList(),
            Probability = attempt.Best?.Probability,
            ShortParts = shortParts,
            Context = context,
            Named = named,
        };
    }

    // What the conversation is about: the names of the question (words rare in general writing) that the passage holds,
    // at most three; a question that names nothing held keeps its two weightiest words. A follow-up's own words
    // (「成立」 of 「幾時成立？」) are no topic for the next.
    private static List<string> Topic(PassageQuery query, string passageKey)
    {
        return [.. query.Mentions.Where(mention => ShortAnswers.IsHeld(mention, passageKey))
            .OrderByDescending(mention => mention.Weight).Take(3)
            .OrderByDescending(mention => mention.Uncommon).ThenBy(mention => mention.Start)
            .Select(mention => mention.Surface)];
    }

    /// <summary>Mentions in the order asked; neighbours run together ("停車場收費"), others are listed ("停車場、收費").</summary>
    private static string? Join(List<PassageQuery.Mention> mentions)
    {
        if (mentions.Count == 0)
            return null;
        var joined = new System.Text.StringBuilder(mentions[0].Surface);
        for (var i = 1; i < mentions.Count; i++)
            joined.Append(mentions[i].Start == mentions[i - 1].End ? "" : "、").Append(mentions[i].Surface);
        return joined.ToString();
    }

    public bool HasPassage(string passageId)
    {
        using var lease = index.Acquire();
        return lease?.Searcher.DocOf(passageId) is not null;
    }

    /// <summary>One passage by its id, with the question's words marked; null when the index has no such passage (an
    /// old button after the text changed, or a made-up id).</summary>
    public Hit? Passage(Question question, string passageId)
    {
        using var lease = index.Acquire();
        if (lease is not { Searcher: var searcher, Synonyms: var synonyms } || searcher.DocOf(passageId) is not { } doc)
            return null;
        var query = question.Searchable.Length == 0 ? null : PassageQuery.Build(question.Searchable, analyzer, searcher, synonyms, settings.Features);
        return ToHit(searcher, question, query, new RankedPassage(doc, 0, 0, query is null ? 0 : PassageScorer.Confidence(query, doc)), rank: 1, highlight: true);
    }

    private Hit ToHit(PassageSearcher searcher, Question question, PassageQuery? query, RankedPassage ranked, int rank, bool highlight)
    {
        var passage = searcher.Passage(ranked.Doc);
        var highlighted = !highlight ? null
            : query is null ? passage.Text
            : Highlighting.Mark(query, ranked.Doc, passage.Text, analyzer);
        var script = question.Script;
        return new Hit(rank, ranked.Score, Math.Round(ranked.Confidence, 4), passage.Id,
            ChineseText.InScript(passage.Section, script), ChineseText.InScript(passage.Title, script), passage.Updated,
            ChineseText.InScript(passage.Text, script), highlighted is null ? null : ChineseText.InScript(highlighted, script),
            passage.Document, passage.Page, passage.Url);
    }

    public void Dispose()
    {
        analyzer.Dispose();
        index.Dispose();
    }
}
