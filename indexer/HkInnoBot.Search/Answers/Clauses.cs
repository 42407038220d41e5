namespace HkInnoBot.Search.Answers;

/// <summary>
/// Clauses and sentences of a comparison key (where full-width punctuation is half-width): they end at punctuation,
/// but not at the comma inside a number (「近 4,300 間」 is one clause). What a fact is about is said in its clause.
/// </summary>
internal static class Clauses
{
    private const string ClauseEnds = ",。;、!?\n";
    private const string SentenceEnds = "。;!?\n";

    private static bool Ends(string key, int i, string ends) =>
        ends.Contains(key[i]) && !(key[i] == ',' && i > 0 && i + 1 < key.Length && char.IsAsciiDigit(key[i - 1]) && char.IsAsciiDigit(key[i + 1]));

    /// <summary>The clause (or sentence) around the characters from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static string Around(string key, int start, int end, bool sentence = false)
    {
        var ends = sentence ? SentenceEnds : ClauseEnds;
        var from = start;
        while (from > 0 && !Ends(key, from - 1, ends))
            from--;
        var to = end;
        while (to < key.Length && !Ends(key, to, ends))
            to++;
        return key[from..to];
    }

    /// <summary>What follows <paramref name="end"/> to the end of its clause.</summary>
    public static string After(string key, int end)
    {
        var to = end;
        while (to < key.Length && !Ends(key, to, ClauseEnds))
            to++;
        return key[end..to];
    }

    /// <summary>Where each clause of the key starts, in order (the first at 0).</summary>
    public static IReadOnlyList<int> Starts(string key)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < key.Length; i++)
            if (Ends(key, i, ClauseEnds))
                starts.Add(i + 1);
        return starts;
    }
}
