using HkInnoBot.Search.Analysis;

namespace HkInnoBot.Search.Ranking;

/// <summary>
/// A question word the text never uses, read as the text's word that differs from it by one character sounding alike in
/// Cantonese or Mandarin (<see cref="Readings"/>): 科技卷 as 科技券, 人材 as 人才, 研發中新 as 研發中心. Such slips come from
/// phonetic keyboards; without this reading the word matches nothing and the question is declined. No list of known
/// typos: a character is suspect when it forms no pair of characters the text holds with either neighbour, nor a word
/// of general Chinese (截止 is a word, 技卷 is not), and is read as another only where the text holds the word so made,
/// three characters in a row at least.
/// </summary>
internal static class TypoReading
{
    /// <summary>What was read differently: the searchable text with the characters replaced, and the words they make,
    /// as the text writes them.</summary>
    public sealed record Reading(string Searchable, IReadOnlyList<string> Words);

    // A question has at most this many slips read: more means it is not about the text.
    private const int MaxSlips = 2;

    /// <summary>The reading of <paramref name="searchable"/> with its slips corrected; null when it has none.
    /// <paramref name="words"/> cuts a text into words (start, end), to name the word a slip was read as.</summary>
    public static Reading? Read(string searchable, TermLookup lookup, Func<string, IEnumerable<(int Start, int End)>> words)
    {
        var key = ChineseText.ComparisonKey(searchable).ToCharArray();
        char[]? corrected = null;
        List<string>? readAs = null;
        for (var i = 0; i < key.Length && (readAs?.Count ?? 0) < MaxSlips; i++)
        {
            if (!IsSuspect(key, i, lookup) || Best(key, i, lookup) is not { } replacement)
                continue;
            key[i] = replacement.Character;
            corrected ??= searchable.ToCharArray();
            corrected[i] = replacement.Run.AsWritten[i - replacement.Run.Start];
            (readAs ??= []).Add(Word(new string(key), i, replacement.Run, lookup, words));
        }
        return corrected is null ? null : new Reading(new string(corrected), readAs!);
    }

    /// <summary>The word the slip at <paramref name="i"/> was read as, as the text writes it: the word holding it, with
    /// the word before it (or after) when that is too short to name anything (數碼 + 港, 科技 + 券).</summary>
    private static string Word(string key, int i, Run run, TermLookup lookup, Func<string, IEnumerable<(int Start, int End)>> words)
    {
        var all = words(key).ToList();
        var at = all.FindIndex(word => word.Start <= i && i < word.End);
        if (at < 0)
            return run.AsWritten;
        var (first, last) = (at, at);
        while (all[last].End - all[first].Start < 3)
        {
            if (first > 0 && all[first - 1].End == all[first].Start && IsHan(key[all[first - 1].Start]))
                first--;
            else if (last < all.Count - 1 && all[last + 1].Start == all[last].End && IsHan(key[all[last + 1].Start]))
                last++;
            else
                break;
        }
        return lookup.Searcher.Spelling(key[all[first].Start..all[last].End], lookup) ?? run.AsWritten;
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9fff';

    private static bool IsHan(char[] key, int i) => i >= 0 && i < key.Length && IsHan(key[i]);

    /// <summary>A Han character that makes a topical pair with a neighbour (not 的 or 了, which no word needs), and a pair
    /// the text holds with neither of them.</summary>
    private static bool IsSuspect(char[] key, int i, TermLookup lookup)
    {
        if (!IsHan(key, i))
            return false;
        var left = IsHan(key, i - 1) ? lookup.Find(ChineseAnalysis.BigramsField, key.AsSpan(i - 1, 2)) : null;
        var right = IsHan(key, i + 1) ? lookup.Find(ChineseAnalysis.BigramsField, key.AsSpan(i, 2)) : null;
        return (left?.Topical == true || right?.Topical == true) && left?.DocFreq is null or 0 && right?.DocFreq is null or 0
            && !InAWord(key, i);
    }

    /// <summary>Whether the character makes a word of general Chinese with its neighbours (截止, 研究員): a word the text
    /// does not use is not a slip.</summary>
    private static bool InAWord(char[] key, int i)
    {
        for (var start = Math.Max(0, i - 2); start <= i; start++)
            for (var length = Math.Max(2, i - start + 1); length <= 3 && start + length <= key.Length; length++)
                if (Enumerable.Range(start, length).All(at => IsHan(key, at))
                    && ChineseAnalysis.GeneralFrequency(new string(key, start, length)) > 0)
                    return true;
        return false;
    }


    private sealed record Replacement(char Character, Run Run);

    /// <summary>The character of the text that sounds like the one at <paramref name="i"/> and makes the longest run with
    /// its neighbours that the text holds, three characters at least: two alone (強積 → 基金) say too little.</summary>
    private static Replacement? Best(char[] key, int i, TermLookup lookup)
    {
        Replacement? best = null;
        var typed = key[i];
        foreach (var candidate in lookup.Searcher.SoundingLike(typed))
        {
            key[i] = candidate;
            if (LongestRun(key, i, lookup) is { Length: >= 3 } run && (best is null || run.Length > best.Run.Length))
                best = new Replacement(candidate, run);
        }
        key[i] = typed;
        return best;
    }

    private readonly record struct Run(int Start, int Length, string Text, string AsWritten);

    /// <summary>The longest run of Han characters through <paramref name="i"/> (at most eight) that some passage holds,
    /// with the passage's own spelling of it; null when not even a pair is held.</summary>
    private static Run? LongestRun(char[] key, int i, TermLookup lookup)
    {
        Run? best = null;
        for (var start = i; start >= Math.Max(0, i - 7) && IsHan(key, start); start--)
            for (var end = i + 1; end <= Math.Min(key.Length, start + 8) && IsHan(key, end - 1); end++)
            {
                // Of runs as long, the one starting first: a name begins a run more often than it ends one.
                if (end - start < 2 || best is { } known && end - start < known.Length)
                    continue;
                var text = new string(key, start, end - start);
                if (lookup.Searcher.Spelling(text, lookup) is { } written)
                    best = new Run(start, end - start, text, written);
            }
        return best;
    }
}
