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

    /// <summary>
    /// The best passages for a question, <paramref name="top"/> of them from rank <paramref name="offset"/>, the first
    /// <paramref name="highlighted"/> of them with the question's words marked. Any text is safe: it is analysed into
    /// terms, never parsed as query syntax.
    /// </summary>
    public Answer Ask(Question question, int top = 3, int offset = 0, int highlighted = 1)
    {
        using var lease = index.Acquire();
        if (lease is not { Searcher: var searcher, Synonyms: var synonyms })
            return new Answer(question, AnswerStatus.Unavailable, []);
        var query = question.Searchable.Length == 0 ? null : PassageQuery.Build(question.Searchable, analyzer, searcher, synonyms, settings.Features);
        if (query is null || top <= 0)
            return new Answer(question, AnswerStatus.NothingToSearch, []);

        // Paging never asks for more than the index holds, whatever a button value says.
        var maxDoc = searcher.IndexReader.MaxDoc;
        offset = Math.Clamp(offset, 0, maxDoc);
        var ranked = PassageScorer.Rank(query, Math.Min(offset + Math.Min(top, maxDoc), maxDoc), settings.Features.HasFlag(QueryFeatures.Coverage));

        var answered = ranked.Length > 0 && ranked[0].Confidence >= settings.ConfidenceThreshold;
        var hits = ranked.Skip(offset)
            .Select((passage, i) => ToHit(searcher, question, query, passage, offset + i + 1, highlight: i < highlighted))
            .ToList();
        var shortAnswer = answered && offset == 0 && question.Asks is { } asked
            ? ShortAnswer.Find(asked, question.Searchable, searcher.Passage(ranked[0].Doc).Text)
            : null;
        return new Answer(question, answered ? AnswerStatus.Answered : AnswerStatus.NoAnswer, hits,
            shortAnswer is null ? null : ChineseText.InScript(shortAnswer, question.Script));
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
