using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Search.Ranking;

/// <summary>
/// Query-time synonyms from a file in Solr's format, so maintainers add vocabulary without touching code:
/// <c>a, b, c</c> makes the terms interchangeable; <c>a, b =&gt; c</c> lets a user's a or b also find c.
/// Terms are compared in Simplified script and lower case, so one spelling of a line serves both scripts.
/// </summary>
public sealed class Synonyms
{
    public const string FileName = "synonyms.txt";

    public static readonly Synonyms None = new([]);

    /// <summary>A term a user may type, with what it may also mean (itself first). Order is the file's order, which
    /// breaks ties between overlapping phrases of the same length. <paramref name="Capitals"/>: an acronym that is
    /// also an English word ("IT", not "it"), found only in capitals.</summary>
    private sealed record Entry(string Term, IReadOnlyList<string> Alternatives, int Order, bool Capitals);

    // Entries by the first two characters of their term (one for one-character terms), so a question is scanned once
    // and each position meets only the few terms that can start there.
    private readonly Dictionary<int, Entry[]> byStart;

    private Synonyms(IReadOnlyList<Entry> entries) =>
        byStart = entries.GroupBy(entry => StartKey(entry.Term, 0, entry.Term.Length)).ToDictionary(group => group.Key, group => group.ToArray());

    private static int StartKey(string text, int start, int length) => text[start] << 16 | (length > 1 ? text[start + 1] : 0);

    /// <summary>The corpus folder's synonyms file; <see cref="None"/> when there is none.</summary>
    public static Synonyms Load(string corpusPath)
    {
        var path = Path.Combine(corpusPath, FileName);
        return File.Exists(path) ? Parse(File.ReadLines(path)) : None;
    }

    public static Synonyms Parse(IEnumerable<string> lines)
    {
        var entries = new List<Entry>();
        foreach (var raw in lines)
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
                continue;
            var sides = line.Split("=>");
            var from = Terms(sides[0]);
            var to = sides.Length > 1 ? Terms(sides[1]) : from;
            if (to.Length == 0)
                continue;
            foreach (var term in from)
                entries.Add(new Entry(term, to.Prepend(term).Distinct().ToList(), entries.Count,
                    PassageQuery.EnglishFunctionWords.Contains(term) && sides[0].Split(',').Any(raw => raw.Trim() == term.ToUpperInvariant())));
        }
        return new Synonyms(entries);
    }

    /// <summary>The phrases of the question that a rule knows, each with its alternatives (the phrase itself first).
    /// Longer phrases win where two overlap, as a user's "科技園公司" means the company, not "科技".</summary>
    public IReadOnlyList<(string Phrase, int Start, IReadOnlyList<string> Alternatives)> Find(string question)
    {
        var text = ChineseText.ComparisonKey(question); // same length, so positions in it are positions in the question
        var found = new List<(int Start, int Length, Entry Entry)>();
        for (var start = 0; start < text.Length; start++)
        {
            FindAt(question, text, start, StartKey(text, start, 1), found);
            if (start + 1 < text.Length)
                FindAt(question, text, start, StartKey(text, start, 2), found);
        }
        if (found.Count == 0)
            return [];

        var chosen = new List<(int Start, int Length, IReadOnlyList<string> Alternatives)>();
        foreach (var candidate in found.OrderByDescending(f => f.Length).ThenBy(f => f.Entry.Order))
        {
            var sameSpan = chosen.FindIndex(c => c.Start == candidate.Start && c.Length == candidate.Length);
            if (sameSpan >= 0)
                chosen[sameSpan] = chosen[sameSpan] with { Alternatives = chosen[sameSpan].Alternatives.Union(candidate.Entry.Alternatives).ToList() };
            else if (!chosen.Exists(c => candidate.Start < c.Start + c.Length && c.Start < candidate.Start + candidate.Length))
                chosen.Add((candidate.Start, candidate.Length, candidate.Entry.Alternatives));
        }
        return chosen.OrderBy(c => c.Start).Select(c => (question.Substring(c.Start, c.Length), c.Start, c.Alternatives)).ToList();
    }

    /// <summary>The terms of the entries under <paramref name="key"/> that stand at <paramref name="start"/>; only an
    /// entry's first place counts.</summary>
    private void FindAt(string question, string text, int start, int key, List<(int Start, int Length, Entry Entry)> found)
    {
        if (!byStart.TryGetValue(key, out var candidates))
            return;
        foreach (var entry in candidates)
        {
            if (LengthAt(text, start, entry.Term) is not (> 0 and var length)
                || entry.Capitals && question.AsSpan(start, entry.Term.Length).ContainsAnyInRange('a', 'z'))
                continue;
            var seen = false;
            foreach (var earlier in found)
                seen |= earlier.Entry == entry;
            if (!seen)
                found.Add((start, length, entry));
        }
    }

    private static string[] Terms(string side) =>
        side.Split(',').Select(t => ChineseText.ComparisonKey(t.Trim())).Where(t => t.Length > 0).Distinct().ToArray();

    /// <summary>How long the term is where it stands at <paramref name="start"/>, or 0 when it is not there. An ASCII
    /// term must stand alone ("AI" is not in "MAIL") but may take an English plural ("startups"); Chinese has no word
    /// boundaries to check.</summary>
    private static int LengthAt(string text, int start, string term)
    {
        if (!text.AsSpan(start).StartsWith(term, StringComparison.Ordinal))
            return 0;
        var end = start + term.Length;
        if (char.IsAsciiLetter(term[^1]))
            end += text.AsSpan(end).StartsWith("es") ? 2 : text.AsSpan(end).StartsWith("s") ? 1 : 0;
        var alone = (!char.IsAsciiLetterOrDigit(term[0]) || start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]))
                    && (!char.IsAsciiLetterOrDigit(term[^1]) || end == text.Length || !char.IsAsciiLetterOrDigit(text[end]));
        return alone ? end - start : 0;
    }
}
