using HkInnoBot.Search.Analysis;
using Lucene.Net.Analysis;

namespace HkInnoBot.Search.Ranking;

/// <summary>
/// A question as the index sees it. The question is cut into units of meaning: each term of both fields, and each
/// phrase the synonyms know, whose alternatives compete as in a DisjunctionMaxQuery. Every unit is weighted by its
/// inverse document frequency, which also gives the confidence of a passage: the share of the question's weight it
/// covers. Runs of three characters also score as phrases, so words in the question's order rank higher.
/// <see cref="PassageScorer"/> ranks passages by it.
/// </summary>
internal sealed class PassageQuery
{
    private static readonly HashSet<string> FunctionWords = Keys("function-words.txt");
    private static readonly HashSet<char> FunctionCharacters = [.. FunctionWords.Where(word => word.Length == 1).Select(word => word[0])];
    private static readonly HashSet<string> StandaloneWords = Keys("standalone-words.txt");
    internal static readonly HashSet<string> EnglishFunctionWords =
    [
        .. Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet.Select(word => word.ToString()!),
        .. Keys("english-function-words.txt"),
    ];

    private static readonly string[] Fields = [ChineseAnalysis.WordsField, ChineseAnalysis.BigramsField];

    /// <summary>Phrase credit is half a term's: order helps, but the words themselves matter more.</summary>
    public const float PhraseBoost = 0.5f;

    /// <summary>One way of saying a unit: all its terms, in both fields.</summary>
    internal sealed class Alternative(IndexedTerm[] terms)
    {
        public IndexedTerm[] Terms { get; } = terms;
        public double Idf { get; } = terms.Sum(term => term.Idf);
    }

    /// <summary>A term, or a known phrase with its synonyms: covered as far as its best-covered alternative is.</summary>
    internal sealed class Unit(Alternative[] alternatives)
    {
        public Alternative[] Alternatives { get; } = alternatives;
        public double Weight { get; } = alternatives.Average(alternative => alternative.Idf);

        /// <summary>A unit of the alternatives that have terms; null when none has.</summary>
        public static Unit? Of(IEnumerable<Alternative?> alternatives) =>
            alternatives.OfType<Alternative>().ToArray() is { Length: > 0 } kept ? new Unit(kept) : null;
    }

    /// <summary>Two adjacent character pairs, i.e. three characters in order. As in Lucene's PhraseQuery, its idf is the
    /// sum of its terms'.</summary>
    internal sealed record Phrase(IndexedTerm First, IndexedTerm Second)
    {
        public float Weight { get; } = (First.Bm25Idf + Second.Bm25Idf) * PhraseBoost;
    }


    private PassageQuery(TermLookup lookup, Unit[] ranked, Phrase[] phrases, Unit[] judged)
    {
        Lookup = lookup;
        Ranked = ranked;
        Phrases = phrases;
        Judged = judged;
        JudgedWeight = judged.Sum(unit => unit.Weight);
        var highlighted = new List<IndexedTerm>();
        foreach (var unit in judged)
            foreach (var alternative in unit.Alternatives)
                foreach (var term in alternative.Terms)
                    if (term.Field == ChineseAnalysis.WordsField && term.Context is not null && !highlighted.Exists(other => other.Text == term.Text))
                        highlighted.Add(term);
        HighlightTerms = highlighted;
    }

    /// <summary>The index reads of this question, shared by ranking and highlighting.</summary>
    public TermLookup Lookup { get; }

    /// <summary>What ranks the passages: every term of the question, topical or not.</summary>
    public IReadOnlyList<Unit> Ranked { get; }

    public IReadOnlyList<Phrase> Phrases { get; }

    /// <summary>
    /// What the confidence of a passage is judged on: the question's topical units. The confidence is the share of
    /// their weight that a passage covers. A passage covers the question's character pairs, which match whatever the
    /// segmentation; the question's words weigh only in the whole, where a word the text never uses (書簿, 公屋) weighs
    /// most, so questions about what the text lacks score low. Measured against counting covered words too, this
    /// separates off-topic questions far better (README).
    /// </summary>
    public IReadOnlyList<Unit> Judged { get; }

    public double JudgedWeight { get; }

    /// <summary>The word-field terms of every alternative. Words, not pairs: two pairs matched far apart in a run of
    /// Chinese would otherwise mark everything between.</summary>
    public IReadOnlyList<IndexedTerm> HighlightTerms { get; }

    /// <summary>Null when the question has no searchable term (empty, punctuation, emoji, only question words).</summary>
    public static PassageQuery? Build(string searchable, Analyzer analyzer, PassageSearcher searcher, Synonyms synonyms, QueryFeatures features)
    {
        var topicalOnly = features.HasFlag(QueryFeatures.QuestionWords);
        var phrases = features.HasFlag(QueryFeatures.Synonyms) ? synonyms.Find(searchable) : [];
        // Blanked out, not cut out, so offsets in the rest are offsets in the question.
        var rest = phrases.Aggregate(searchable, (remaining, found) => remaining.Replace(found.Phrase, new string(' ', found.Phrase.Length)));
        var lookup = new TermLookup(searcher);
        var restWords = ChineseAnalysis.Tokens(analyzer, ChineseAnalysis.WordsField, rest);
        var restPairs = ChineseAnalysis.Tokens(analyzer, ChineseAnalysis.BigramsField, rest);

        // Ranking uses every term of the question; the confidence only its topical ones, so that 的 or 有 in a
        // passage neither earn nor dilute it.
        var ranked = new List<Unit>(restWords.Count + restPairs.Count + phrases.Count);
        var judged = topicalOnly ? new List<Unit>(ranked.Capacity) : ranked;
        foreach (var term in TermsOf(lookup, restWords, restPairs))
        {
            var unit = term.AsUnit;
            ranked.Add(unit);
            if (topicalOnly && term.Topical)
                judged.Add(unit);
        }
        var mentions = WordMentions(lookup, rest, restWords);
        foreach (var (phrase, start, alternatives) in phrases)
        {
            var ways = alternatives.Select(alternative => searcher.Alternatives.GetOrAdd(alternative, Analysed, (analyzer, lookup))).ToList();
            if (Unit.Of(ways.Select(way => way.All)) is { } unit)
                ranked.Add(unit);
            if (topicalOnly && Unit.Of(ways.Select(way => way.Topical)) is { } topical)
                judged.Add(topical);
            mentions.Add(new Mention(phrase, start, ways.Sum(way => way.All?.Idf ?? 0) / ways.Count, Absent: false,
                IsUncommonPhrase(phrase, alternatives), alternatives));
        }
        if (judged.Count == 0)
            return null;
        var runs = !features.HasFlag(QueryFeatures.OrderedRuns) ? []
            : OrderedRuns(lookup, rest == searchable ? restPairs : ChineseAnalysis.Tokens(analyzer, ChineseAnalysis.BigramsField, searchable), topicalOnly);
        return new PassageQuery(lookup, [.. ranked], runs, [.. judged])
        {
            Mentions = [.. mentions.OrderBy(mention => mention.Start)],
            Rest = (rest, restWords),
            Pairs = [.. restPairs.Where(pair => pair.IsPair).Select(pair => lookup.Find(ChineseAnalysis.BigramsField, pair.Term))
                .Where(pair => pair.Topical).DistinctBy(pair => pair.Text)],
        };
    }

    /// <summary>A word or known phrase of the question as the user typed it, where it stands in the searchable text,
    /// how much it weighs, and the forms (comparison keys) a passage may hold it in. <paramref name="Absent"/>: no
    /// passage holds it, in any form. <paramref name="Uncommon"/>: rare in general writing, so it names something
    /// (科技園公司, 全球創新指數) rather than saying something (單位, 增加).</summary>
    internal sealed record Mention(string Surface, int Start, double Weight, bool Absent, bool Uncommon, IReadOnlyList<string> Forms)
    {
        public int End => Start + Surface.Length;

        /// <summary>Absent from the text and rare in general writing: it names something the text does not speak of.</summary>
        public bool Unknown => Absent && Uncommon;
    }

    /// <summary>The topical character pairs of the question outside its synonym phrases, those no passage holds too: what
    /// the decisions read of how much of the question a passage holds, whatever the segmentation.</summary>
    public IReadOnlyList<IndexedTerm> Pairs { get; private init; } = [];

    /// <summary>The question's words and phrases that carry its topic: what an honest reply names as mentioned or not.</summary>
    public IReadOnlyList<Mention> Mentions { get; private init; } = [];

    /// <summary>Runs of single characters that may be words the segmenter does not know (<see cref="CharacterRuns"/>).
    /// Only follow-ups read them, so they are found on first use, not for every question.</summary>
    public IReadOnlyList<Mention> Fragments => fragments ??= [.. CharacterRuns(Lookup, Rest.Text, Rest.Words)];

    private IReadOnlyList<Mention>? fragments;

    // The question outside its synonym phrases, and its words, which the fragments are read from.
    private (string Text, List<ChineseAnalysis.Token> Words) Rest { get; init; }

    private static List<Mention> WordMentions(TermLookup lookup, string rest, List<ChineseAnalysis.Token> words)
    {
        var mentions = new List<Mention>();
        foreach (var word in words.DistinctBy(word => word.Term))
        {
            var term = lookup.Find(ChineseAnalysis.WordsField, word.Term);
            if (!term.Topical || !IsSalient(word.Term))
                continue;
            var surface = rest[word.Start..word.End];
            var uncommon = IsUncommon(word.Term.All(char.IsAscii) ? surface : word.Term);
            var absent = term.DocFreq == 0 && !HeldAsCharacters(lookup, word.Term);
            mentions.Add(new Mention(surface, word.Start, term.Idf, absent, uncommon, [word.Term]));
        }
        return mentions;
    }

    /// <summary>SmartCn cuts a word its dictionary lacks into single characters (恒指 → 恒 指), which no mention sees.
    /// Adjacent topical single characters are read back as one word, unknown when no passage holds their pairs. Too
    /// many everyday phrases come out this way too (排第, 傳到, 即刻) for a question alone to be judged by them; they only
    /// keep a follow-up's context from answering a message about something else.</summary>
    private static IEnumerable<Mention> CharacterRuns(TermLookup lookup, string rest, List<ChineseAnalysis.Token> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var end = i;
            while (end < words.Count && IsLoneCharacter(lookup, words[end]) && (end == i || words[end].Start == words[end - 1].End))
                end++;
            var run = string.Concat(words.Skip(i).Take(end - i).Select(word => word.Term));
            if (end - i >= 2 && !FunctionWords.Contains(run))
            {
                var weight = words.Skip(i).Take(end - i).Max(word => lookup.Find(ChineseAnalysis.WordsField, word.Term).Idf);
                yield return new Mention(rest[words[i].Start..words[end - 1].End], words[i].Start, weight,
                    !HeldAsCharacters(lookup, run), IsUncommon(run), [run]);
            }
            i = Math.Max(i, end - 1);
        }
    }

    private static bool IsLoneCharacter(TermLookup lookup, ChineseAnalysis.Token word) =>
        word.Term.Length == 1 && word.Term[0] >= '\u3400' && lookup.Find(ChineseAnalysis.WordsField, word.Term).Topical;

    // A word of two Han characters or more, or an ASCII word of three letters or more: single characters and short
    // Latin fragments say too little alone.
    private static bool IsSalient(string term) =>
        term.Length >= 2 && term.All(c => c >= '\u3400') || term.Length >= 3 && term.All(char.IsAsciiLetterOrDigit) && term.Any(char.IsAsciiLetter);

    /// <summary>Words of everyday language that the text happens not to use (專門, 需要, 地方) say nothing about another
    /// topic; a word that is rare in general writing (公屋, 薪俸, 天文台) names one. Of Latin words, only acronyms
    /// (MPF, JUPAS) count: there is no word count for English here, and English questions use many everyday words.</summary>
    private static bool IsUncommon(string word) =>
        word.All(char.IsAscii) ? word.All(char.IsAsciiLetterUpper) : ChineseAnalysis.GeneralFrequency(word) < UncommonBelow;

    /// <summary>A phrase of the synonyms is rare as a word is; an English one (startups, Cyberport) as rare as every
    /// Chinese wording it stands for, since English has no word count here: "How many startups…" names its topic as
    /// 「幾多間初創企業」 does.</summary>
    private static bool IsUncommonPhrase(string phrase, IReadOnlyList<string> alternatives)
    {
        if (!phrase.All(char.IsAscii))
            return IsUncommon(ChineseText.ToSimplified(phrase));
        var chinese = alternatives.Where(alternative => !alternative.All(char.IsAscii)).ToList();
        return chinese.Count > 0 ? chinese.All(IsUncommon) : IsUncommon(phrase);
    }

    // Measured on the project's questions: everyday words the text lacks count 100 and more; the subjects of other
    // schemes and services mostly 40 and less.
    private const int UncommonBelow = 50;

    /// <summary>Whether some passage holds the word's characters though not as a word of its own (SmartCn cut it
    /// otherwise there): a passage holding all its character pairs.</summary>
    private static bool HeldAsCharacters(TermLookup lookup, string word)
    {
        if (word.All(char.IsAscii))
            return lookup.Find(ChineseAnalysis.BigramsField, word).DocFreq > 0;
        IEnumerable<int>? passages = null;
        for (var i = 0; i + 1 < word.Length; i++)
        {
            var docs = lookup.Find(ChineseAnalysis.BigramsField, word.Substring(i, 2)).Docs;
            passages = passages is null ? docs : passages.Intersect(docs);
        }
        return passages?.Any() == true;
    }

    /// <summary>A synonym alternative as the ranking sees it (all its terms) and as the confidence does (its topical
    /// terms); either is null when it has no such terms.</summary>
    internal sealed record AnalysedAlternative(Alternative? All, Alternative? Topical);

    private static AnalysedAlternative Analysed(string alternative, (Analyzer Analyzer, TermLookup Lookup) with)
    {
        var terms = TermsOf(with.Lookup,
            ChineseAnalysis.Tokens(with.Analyzer, ChineseAnalysis.WordsField, alternative),
            ChineseAnalysis.Tokens(with.Analyzer, ChineseAnalysis.BigramsField, alternative));
        var topical = terms.Where(term => term.Topical).ToArray();
        return new AnalysedAlternative(
            terms.Length > 0 ? new Alternative(terms) : null,
            topical.Length > 0 ? new Alternative(topical) : null);
    }

    /// <summary>The distinct terms of a text in both fields. A pair of characters that occurs nowhere straddles two
    /// words of the question: noise, not missing content. A whole word that occurs nowhere is content the text lacks,
    /// and counts against the confidence.</summary>
    private static IndexedTerm[] TermsOf(TermLookup lookup, List<ChineseAnalysis.Token> words, List<ChineseAnalysis.Token> pairs)
    {
        var terms = new List<IndexedTerm>(words.Count + pairs.Count);
        var seen = new HashSet<string>(words.Count);
        foreach (var (field, tokens) in new[] { (ChineseAnalysis.WordsField, words), (ChineseAnalysis.BigramsField, pairs) })
        {
            seen.Clear();
            foreach (var token in tokens)
            {
                if (!seen.Add(token.Term))
                    continue;
                var term = lookup.Find(field, token.Term);
                if (term.DocFreq > 0 || field == ChineseAnalysis.WordsField)
                    terms.Add(term);
            }
        }
        return [.. terms];
    }

    /// <summary>Each pair of adjacent character pairs of a run, i.e. three characters in order, as a phrase. A phrase
    /// with a pair no passage holds cannot match and is left out.</summary>
    private static Phrase[] OrderedRuns(TermLookup lookup, List<ChineseAnalysis.Token> pairs, bool topicalOnly)
    {
        var runs = new List<Phrase>();
        IndexedTerm? previous = null;
        foreach (var pair in pairs)
        {
            var current = pair.IsPair ? lookup.Find(ChineseAnalysis.BigramsField, pair.Term) : null;
            if (topicalOnly && current is { Topical: false })
                current = null;
            if (previous?.Context is not null && current?.Context is not null && pair.PositionIncrement == 1)
                runs.Add(new Phrase(previous, current));
            previous = current;
        }
        return [.. runs];
    }

    /// <summary>Whether a term carries a topic: not a function word, measure word or English question word, and for a
    /// character pair, not one that touches a function word.</summary>
    internal static bool IsTopical(string field, string term) =>
        !FunctionWords.Contains(term) && !StandaloneWords.Contains(term) && !EnglishFunctionWords.Contains(term) &&
        (field != ChineseAnalysis.BigramsField || !term.Any(FunctionCharacters.Contains));

    private static HashSet<string> Keys(string wordList) => [.. WordList.Read(wordList).Select(ChineseText.ComparisonKey)];
}
