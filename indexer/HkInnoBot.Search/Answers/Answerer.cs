using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Index;
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
    private readonly Analyzer analyzer = ChineseAnalysis.Create();

    private Answerer(SearchSettings settings, LiveIndex index)
    {
        this.settings = settings;
        this.index = index;
        ChineseAnalysis.Warm(analyzer);
    }

    /// <summary>Opens the index (building it first when missing, damaged or stale). Without a usable index the answerer
    /// still works, and every answer is <see cref="AnswerStatus.Unavailable"/> until <see cref="Refresh"/> finds one.</summary>
    public static Answerer Open(SearchSettings settings, ILogger logger) => new(settings, LiveIndex.Open(settings, logger));

    /// <summary>Opens the index as it is on disk, without building it.</summary>
    public static Answerer OpenExisting(SearchSettings settings) =>
        new(settings, LiveIndex.OpenExisting(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

    /// <summary>Follows changes to the corpus and index folders (<see cref="LiveIndex.Refresh"/>).</summary>
    public void Refresh(bool watchCorpus = true) => index.Refresh(watchCorpus);

    public bool IsAvailable => index.IsAvailable;

    /// <summary>What serves now; null when nothing does.</summary>
    public (PassageIndex.CommitInfo Commit, int Passages)? Describe() => index.Describe();

    public int PassageCount => Describe()?.Passages ?? 0;

    /// <summary>Section headings in document order: the topics the text covers.</summary>
    public IReadOnlyList<string> Sections
    {
        get
        {
            using var lease = index.Acquire();
            return lease?.Searcher.Sections ?? [];
        }
    }

    public Question Understand(string? message) => Question.Parse(message, settings.Features);

    public Answer Ask(string? message, int top = 3, int offset = 0, int highlighted = 1) => Ask(Understand(message), top, offset, highlighted);

    public Answer Ask(Question question, int top = 3, int offset = 0, int highlighted = 1) => Ask(question, context: null, top, offset, highlighted);

    /// <summary>
    /// The best passages for a question, <paramref name="top"/> of them from rank <paramref name="offset"/>, the first
    /// <paramref name="highlighted"/> of them with the question's words marked. Any text is safe: it is analysed into
    /// terms, never parsed as query syntax. With the <paramref name="context"/> of the previous question, a follow-up
    /// is read in its light (<see cref="FollowUps"/>); the answer carries the context for the next message.
    /// </summary>
    public Answer Ask(Question question, FollowUpContext? context, int top = 3, int offset = 0, int highlighted = 1)
    {
        using var lease = index.Acquire();
        if (lease is not { Searcher: var searcher, Synonyms: var synonyms })
            return new Answer(question, AnswerStatus.Unavailable, []) { Context = context };
        if (top <= 0)
            return new Answer(question, AnswerStatus.NothingToSearch, []) { Context = context };

        // Paging never asks for more than the index holds, whatever a button value says.
        var maxDoc = searcher.IndexReader.MaxDoc;
        offset = Math.Clamp(offset, 0, maxDoc);
        var wanted = Math.Min(offset + Math.Min(top, maxDoc), maxDoc);
        var search = new Search(this, searcher, synonyms, wanted, offset);
        var attempt = search.Run(question);
        if (context is not null && settings.Features.HasFlag(QueryFeatures.FollowUps)
            && search.InContext(question, context, attempt) is { } inContext)
            attempt = inContext;
        return Finish(searcher, question, attempt, offset, highlighted, context);
    }

    // One question searched: its query, ranking and verdict. A follow-up may be searched twice, alone and in context;
    // read in context, it is about the previous topic or the thing it turns to.
    private sealed record Attempt(Question Question, PassageQuery? Query, RankedPassage[] Ranked, AnswerStatus Status,
        string? Mentioned = null, string? Missing = null, string? About = null);

    private sealed class Search(Answerer answerer, PassageSearcher searcher, Synonyms synonyms, int wanted, int offset)
    {
        public Attempt Run(Question question)
        {
            var query = question.Searchable.Length == 0 ? null
                : PassageQuery.Build(question.Searchable, answerer.analyzer, searcher, synonyms, answerer.settings.Features);
            if (query is null)
                return new Attempt(question, null, [], AnswerStatus.NothingToSearch);
            var ranked = PassageScorer.Rank(query, wanted, answerer.settings.Features.HasFlag(QueryFeatures.Coverage));
            var status = answerer.Judge(searcher, question, query, ranked, offset, out var mentioned, out var missing);
            return new Attempt(question, query, ranked, status, mentioned, missing);
        }

        /// <summary>
        /// The message read with the previous question's topic, when that reads it better; null when the message stands
        /// alone. A message that refers back, or that is short and names no topic of its own, takes the previous
        /// topic; one that turns the previous question to another thing (「咁數碼港呢？」) asks it about that.
        /// Context never answers what the message itself brings: a word the text never uses rules it out, and the
        /// answer, or the related passage of a partial one, must speak to the message's own words, so an off-topic
        /// second turn is declined as it would be alone. Full questions are ruled out before a second search, so they
        /// cost one.
        /// </summary>
        public Attempt? InContext(Question message, FollowUpContext context, Attempt alone)
        {
            var turn = FollowUps.TurnsTo(message.Text);
            if ((turn is null && !FollowUps.RefersBack(message.Text) && (NamesItsTopic(alone) || IsLong(alone))) || HasUnknownWords(alone))
                return null;
            var named = context.PassageId is { } id && searcher.DocOf(id) is { } doc
                ? FollowUps.NamePointedAt(message.Text, searcher.Passage(doc).Text)
                : null;
            var standalone = Question.Parse(named?.Text ?? FollowUps.Resolve(message.Text, context, turn), answerer.settings.Features);
            var resolved = Run(standalone with { Script = message.Script }) with
            {
                About = named?.Name ?? (turn is { Name.Length: > 0 } ? turn.Name : string.Join("、", context.Topic)),
            };
            // 「最多資助幾多錢？」 after 科技券: that the text does not say is more honest than another scheme's sum.
            if (resolved.Status is not (AnswerStatus.Answered or AnswerStatus.Partial)
                || resolved.Status == AnswerStatus.Partial && alone.Status == AnswerStatus.Answered && NamesItsTopic(alone))
                return null;
            var own = alone.Query?.Mentions ?? [];
            var topic = resolved.Query!.Mentions.Where(mention => !IsOwn(mention, own)).MaxBy(mention => mention.Weight);
            var answer = PassageKey(searcher, resolved.Ranked[0]);
            return SpeaksTo(answer, message, own, context.Topic) && (topic is null || IsHeld(topic, answer)) ? resolved : null;
        }

        // A message names its own topic with a word rare in general writing that the text uses: 「香港在全球創新指數排第
        // 幾？」 does, 「有幾多個單位？」 and 「將來還會增加嗎？」 do not.
        private static bool NamesItsTopic(Attempt alone) => alone.Query?.Mentions.Any(mention => mention.Uncommon) == true;

        // The passage found in context, as an answer or as the related passage of a partial one, speaks to the message:
        // it holds a word of the message's own (not one inside the previous topic's name, as 香港 is in 香港科技園公司);
        // or the message is short, as a follow-up leaning on the topic is, and either its own words are all everyday
        // words the text uses (「將來還會增加嗎？」, 「佢係咩？」 with none) or it asks for a fact of the topic ("How long
        // does it run?"). A word the text never uses that the passage cannot hold (學費, Mark Six) means the message is
        // about something else, which the topic of the conversation must not answer; so do the everyday words of a
        // full question (「香港的醫療券可以在內地用嗎？」, "When are government rates due this quarter?").
        private static bool SpeaksTo(string passageKey, Question message, IReadOnlyList<PassageQuery.Mention> own, IReadOnlyList<string> previousTopic)
        {
            var topicKey = ChineseText.ComparisonKey(string.Concat(previousTopic));
            return own.Any(mention => IsHeld(mention, passageKey) && !topicKey.Contains(ChineseText.ComparisonKey(mention.Surface), StringComparison.Ordinal))
                || own.Count < FullQuestionWords
                    && (own.All(mention => !mention.Absent && !mention.Uncommon) || message.Asks is not null);
        }

        // A message saying three things of its own is a full question; one saying more is not read in context at all,
        // which spares most questions a second search (a follow-up that leans on the topic says less).
        private const int FullQuestionWords = 3;

        private static bool IsLong(Attempt alone) => alone.Query?.Mentions.Count > FullQuestionWords;

        private static bool IsOwn(PassageQuery.Mention mention, IReadOnlyList<PassageQuery.Mention> own) =>
            own.Any(word => word.Surface == mention.Surface);

        private static bool HasUnknownWords(Attempt alone) =>
            alone.Query is { } query && query.Mentions.Concat(query.Fragments).Any(mention => mention.Unknown);
    }

    private Answer Finish(PassageSearcher searcher, Question question, Attempt attempt, int offset, int highlighted,
        FollowUpContext? previous)
    {
        var (resolved, query, ranked, status) = (attempt.Question, attempt.Query, attempt.Ranked, attempt.Status);
        var hits = ranked.Skip(offset)
            .Select((passage, i) => ToHit(searcher, resolved, query, passage, offset + i + 1, highlight: i < highlighted))
            .ToList();
        var shortAnswer = status == AnswerStatus.Answered && offset == 0 && resolved.Asks is { } asked
            ? Facts.ShortAnswer(asked, resolved.Searchable, searcher.Passage(ranked[0].Doc).Text)
            : null;
        // The next message is read with this question's topic; one the text has nothing on keeps the one before.
        var topic = status is AnswerStatus.Answered or AnswerStatus.Partial && query is not null
            ? Topic(query, PassageKey(searcher, ranked[0]))
            : [];
        var context = topic.Count > 0 ? new FollowUpContext(resolved.Text, topic, searcher.Passage(ranked[0].Doc).Id) : previous;
        return new Answer(question, status, hits, shortAnswer is null ? null : ChineseText.InScript(shortAnswer, question.Script),
            attempt.Mentioned, attempt.Missing is null ? null : ChineseText.InScript(attempt.Missing, question.Script))
        {
            Understood = attempt.About is null ? null : resolved,
            About = attempt.About is null ? null : ChineseText.InScript(attempt.About, question.Script),
            Context = context,
        };
    }

    // The weightiest words of the question that the passage holds, at most three: the names among them (words rare in
    // general writing) first, so a turn to another name replaces a name, then in the order asked.
    private static List<string> Topic(PassageQuery query, string passageKey) =>
        [.. query.Mentions.Where(mention => IsHeld(mention, passageKey))
            .OrderByDescending(mention => mention.Weight).Take(3)
            .OrderByDescending(mention => mention.Uncommon).ThenBy(mention => mention.Start)
            .Select(mention => mention.Surface)];

    /// <summary>
    /// Whether the best passage answers the question: it covers enough of the question's weight; if the question has a
    /// word the text never uses, more than that; and if the question asks for a kind of fact, it gives one, and names the
    /// thing asked about (手續費) when the question names one. A passage further down that does goes first instead (in
    /// <paramref name="ranked"/>); when none does, the answer is partial: what the text mentions, and what of the
    /// question it does not.
    /// </summary>
    private AnswerStatus Judge(PassageSearcher searcher, Question question, PassageQuery query, RankedPassage[] ranked, int offset,
        out string? mentioned, out string? missing)
    {
        (mentioned, missing) = (null, null);
        if (ranked.Length == 0 || ranked[0].Confidence < settings.ConfidenceThreshold)
            return AnswerStatus.NoAnswer;
        var best = ranked[0].Confidence;
        var features = settings.Features;
        if (features.HasFlag(QueryFeatures.UnknownWords) && best < settings.UnknownWordConfidence && query.Mentions.Any(mention => mention.Unknown))
            return AnswerStatus.NoAnswer;
        if (!features.HasFlag(QueryFeatures.AnswerType) || question is { Asks: null, AskedAbout: null } || offset > 0)
            return AnswerStatus.Answered;

        var text = PassageKey(searcher, ranked[0]);
        bool Held(PassageQuery.Mention mention) => IsHeld(mention, text);
        // The thing asked about (手續費), in any form the synonyms give it.
        var named = question.AskedAbout is null ? null : ChineseText.ComparisonKey(question.AskedAbout);
        var about = named is null ? null : query.Mentions.FirstOrDefault(mention => mention.Forms.Contains(named))?.Forms ?? [named];
        // A passage further down that gives the fact goes first when it names all the names (words rare in general
        // writing) that the best one does: the text does say when 人工智能超算中心 starts, in its second passage. When
        // a kind of fact is asked, one almost as close goes first too. A question that only names a thing (「科技券有冇
        // 津貼？」) is about its topic: another scheme's 津貼 does not answer it.
        var names = query.Mentions.Where(mention => mention.Uncommon && Held(mention)).ToList();
        var giving = Array.FindIndex(ranked, 0, Math.Min(ranked.Length, FactCandidates), passage =>
            passage.Confidence >= settings.ConfidenceThreshold
            && (passage.Doc == ranked[0].Doc
                || question.Asks is not null && best - passage.Confidence <= FactMargin
                || names.Count > 0 && PassageKey(searcher, passage) is var key && names.All(name => IsHeld(name, key)))
            && Facts.IsGivenIn(question.Asks, about, question.Text, searcher.Passage(passage.Doc).Text));
        if (giving >= 0)
        {
            // Stable: the others keep their order behind it.
            var first = ranked[giving];
            Array.Copy(ranked, 0, ranked, 1, giving);
            ranked[0] = first;
            return AnswerStatus.Answered;
        }
        if (query.Mentions.Where(Held).MaxBy(mention => mention.Weight) is not { } topic)
            return AnswerStatus.NoAnswer;
        mentioned = topic.Surface;
        // SmartCn may cut the thing asked about (手續 + 費) so that every word is held: it is still what is missing.
        missing = Join(query.Mentions.Where(mention => !Held(mention)).ToList()) ?? question.AskedAbout;
        return AnswerStatus.Partial;
    }

    private static string PassageKey(PassageSearcher searcher, RankedPassage passage) => searcher.Passage(passage.Doc).ComparisonKey;

    private static bool IsHeld(PassageQuery.Mention mention, string passageKey) =>
        mention.Forms.Any(form => passageKey.Contains(form, StringComparison.Ordinal));

    // How far down a passage giving the asked fact may be and still go first, and how much less close when it does not
    // name the same names.
    private const int FactCandidates = 3;
    private const double FactMargin = 0.1;

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

    private static Hit ToHit(PassageSearcher searcher, Question question, PassageQuery? query, RankedPassage ranked, int rank, bool highlight)
    {
        var passage = searcher.Passage(ranked.Doc);
        var highlighted = !highlight ? null
            : query is null ? passage.Text
            : Highlighting.Mark(query, ranked.Doc, passage.Text);
        var script = question.Script;
        return new Hit(rank, ranked.Score, Math.Round(ranked.Confidence, 4), passage.Id,
            ChineseText.InScript(passage.Section, script), ChineseText.InScript(passage.Title, script), passage.Updated,
            ChineseText.InScript(passage.Text, script), highlighted is null ? null : ChineseText.InScript(highlighted, script));
    }

    public void Dispose()
    {
        analyzer.Dispose();
        index.Dispose();
    }
}
