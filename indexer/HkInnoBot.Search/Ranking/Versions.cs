namespace HkInnoBot.Search.Ranking;

/// <summary>
/// When a corpus holds two versions of a document (a fact sheet and its update), the same passage comes twice, with
/// other figures in the newer one. The newer version takes the older's place in the ranking, and the older follows it:
/// the reply gives the current figure and its date, and the older is still there to be seen below it, but is never put
/// first. Passages are versions of each other when they come from different documents and say nearly the
/// same apart from their figures. A question that names a year the older version gives and the newer does not
/// (「根據 2023 年的調查…」) is asking for the older one, and gets it.
/// </summary>
internal static class Versions
{
    /// <summary>How much deeper than asked a ranking looks for newer versions of what it found.</summary>
    public const int Lookahead = 10;

    /// <summary>The share of their character pairs (figures aside) two passages must have in common (Dice) to be versions
    /// of each other: a sentence with its figures and dates updated and a few words changed still is.</summary>
    private const double SameShape = 0.7;

    /// <summary>The first <paramref name="wanted"/> of <paramref name="ranked"/>, each passage after its newest version,
    /// and the passages that have a newer version (null when none has).</summary>
    public static (RankedPassage[] Ranked, HashSet<int>? Superseded) NewestFirst(PassageSearcher searcher, RankedPassage[] ranked, int wanted,
        IReadOnlyList<string> years)
    {
        var passages = Array.ConvertAll(ranked, r => searcher.Passage(r.Doc));
        // For each passage, the newest passage in the list that supersedes it, if any.
        var newest = new int[ranked.Length];
        HashSet<int>? superseded = null;
        for (var i = 0; i < ranked.Length; i++)
        {
            newest[i] = -1;
            for (var j = 0; j < ranked.Length; j++)
                if (j != i && Supersedes(passages[j], passages[i], years)
                    && (newest[i] < 0 || string.CompareOrdinal(passages[j].Updated, passages[newest[i]].Updated) > 0))
                    newest[i] = j;
            if (newest[i] >= 0)
                (superseded ??= []).Add(ranked[i].Doc);
        }
        if (superseded is null)
            return (ranked.Length > wanted ? ranked[..wanted] : ranked, null);

        // In ranking order, a passage superseded by one ranked lower gives it its place; the versions it supersedes follow.
        var order = new List<int>(ranked.Length);
        var placed = new bool[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            var current = newest[i] >= 0 ? newest[i] : i;
            if (placed[current])
                continue;
            placed[current] = true;
            order.Add(current);
            foreach (var older in Enumerable.Range(0, ranked.Length).Where(k => newest[k] == current && !placed[k]))
            {
                placed[older] = true;
                order.Add(older);
            }
        }
        return ([.. order.Take(wanted).Select(i => ranked[i])], superseded);
    }

    private static bool Supersedes(StoredPassage newer, StoredPassage older, IReadOnlyList<string> years) =>
        string.CompareOrdinal(newer.Updated, older.Updated) > 0 && newer.Document != older.Document
        && !years.Any(year => older.PlainKey.Contains(year, StringComparison.Ordinal) && !newer.PlainKey.Contains(year, StringComparison.Ordinal))
        && Dice(newer.Shape, older.Shape) >= SameShape;

    private static double Dice(IReadOnlySet<int> a, IReadOnlySet<int> b)
    {
        if (a.Count + b.Count == 0)
            return 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return 2.0 * shared / (a.Count + b.Count);
    }

    /// <summary>A passage's character pairs with every digit the same, so that versions differing in figures match.</summary>
    public static IReadOnlySet<int> ShapeOf(string comparisonKey)
    {
        var pairs = new HashSet<int>();
        for (var i = 1; i < comparisonKey.Length; i++)
            pairs.Add(Normal(comparisonKey[i - 1]) << 16 | Normal(comparisonKey[i]));
        return pairs;
    }

    private static char Normal(char c) => char.IsAsciiDigit(c) ? '0' : c;
}
