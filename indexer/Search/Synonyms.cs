using HkInnoBot.Indexer.Analysis;

namespace HkInnoBot.Indexer.Search;

/// <summary>
/// Query-time synonyms from a file in Solr's format, so maintainers add vocabulary without touching code:
/// <c>a, b, c</c> makes the terms interchangeable; <c>a, b =&gt; c</c> lets a user's a or b also find c.
/// Terms are compared in Simplified script and lower case, so one spelling of a line serves both scripts.
/// </summary>
public sealed class Synonyms
{
    public const string FileName = "synonyms.txt";

    public static readonly Synonyms None = new([]);

    private readonly IReadOnlyList<(string[] From, string[] To)> rules;

    private Synonyms(IReadOnlyList<(string[] From, string[] To)> rules) => this.rules = rules;

    /// <summary>The corpus folder's synonyms file; <see cref="None"/> when there is none.</summary>
    public static Synonyms Load(string corpusPath)
    {
        var path = Path.Combine(corpusPath, FileName);
        return File.Exists(path) ? Parse(File.ReadLines(path)) : None;
    }

    public static Synonyms Parse(IEnumerable<string> lines)
    {
        var rules = new List<(string[], string[])>();
        foreach (var raw in lines)
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
                continue;
            var sides = line.Split("=>");
            var from = Terms(sides[0]);
            var to = sides.Length > 1 ? Terms(sides[1]) : from;
            if (from.Length > 0 && to.Length > 0)
                rules.Add((from, to));
        }
        return new Synonyms(rules);
    }

    /// <summary>The phrases of the question that a rule knows, each with its alternatives (the phrase itself first).
    /// Longer phrases win where two overlap, as a user's "科技園公司" means the company, not "科技".</summary>
    public IReadOnlyList<(string Phrase, IReadOnlyList<string> Alternatives)> Find(string question)
    {
        var text = Key(question);
        var found = new List<(int Start, string Phrase, IReadOnlyList<string> Alternatives)>();
        foreach (var (from, to) in rules)
        foreach (var term in from)
        {
            var (start, length) = IndexOfWord(text, term);
            if (start < 0)
                continue;
            var phrase = question.Substring(start, length);
            found.Add((start, phrase, to.Prepend(term).Distinct().ToList()));
        }
        var chosen = new List<(int Start, string Phrase, IReadOnlyList<string> Alternatives)>();
        foreach (var candidate in found.OrderByDescending(f => f.Phrase.Length))
        {
            var overlaps = chosen.Any(c => candidate.Start < c.Start + c.Phrase.Length && c.Start < candidate.Start + candidate.Phrase.Length);
            var sameSpan = chosen.FindIndex(c => c.Start == candidate.Start && c.Phrase.Length == candidate.Phrase.Length);
            if (sameSpan >= 0)
                chosen[sameSpan] = chosen[sameSpan] with { Alternatives = chosen[sameSpan].Alternatives.Union(candidate.Alternatives).ToList() };
            else if (!overlaps)
                chosen.Add(candidate);
        }
        return chosen.OrderBy(c => c.Start).Select(c => (c.Phrase, c.Alternatives)).ToList();
    }

    // Length-preserving, so positions in the key are positions in the question.
    private static string Key(string text) => ChineseText.ComparisonKey(text);

    private static string[] Terms(string side) =>
        side.Split(',').Select(t => Key(t.Trim())).Where(t => t.Length > 0).Distinct().ToArray();

    /// <summary>Where the term stands in the text, and how long it is there. An ASCII term must stand alone ("AI" is
    /// not in "MAIL") but may take an English plural ("startups"); Chinese has no word boundaries to check.</summary>
    private static (int Start, int Length) IndexOfWord(string text, string term)
    {
        for (var start = text.IndexOf(term, StringComparison.Ordinal); start >= 0; start = text.IndexOf(term, start + 1, StringComparison.Ordinal))
        {
            var end = start + term.Length;
            if (char.IsAsciiLetter(term[^1]))
                end += text.AsSpan(end).StartsWith("es") ? 2 : text.AsSpan(end).StartsWith("s") ? 1 : 0;
            var alone = (!IsAsciiWordChar(term[0]) || start == 0 || !IsAsciiWordChar(text[start - 1]))
                        && (!IsAsciiWordChar(term[^1]) || end == text.Length || !IsAsciiWordChar(text[end]));
            if (alone)
                return (start, end - start);
        }
        return (-1, 0);
    }

    private static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c);
}
