using System.Text;

namespace HkInnoBot.Search.Analysis;

/// <summary>
/// Fixed rewrites of a text: at each position the longest matching form is replaced, and what replaced it is not read
/// again. This is what Lucene's MappingCharFilter does; that filter allocates about 19 KB each time it is used, more
/// than the rest of understanding a question together.
/// </summary>
internal sealed class Rewrites
{
    private readonly Dictionary<string, string> rules;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int longest;

    /// <summary>The first rule for a form wins.</summary>
    public Rewrites(IEnumerable<(string Form, string Replacement)> rules)
    {
        this.rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (form, replacement) in rules)
            this.rules.TryAdd(form, replacement);
        lookup = this.rules.GetAlternateLookup<ReadOnlySpan<char>>();
        longest = this.rules.Keys.Select(form => form.Length).DefaultIfEmpty(0).Max();
    }

    public string Apply(string text)
    {
        StringBuilder? rewritten = null;
        var copied = 0;
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(longest, text.Length - start);
            string? replacement = null;
            while (length > 0 && !lookup.TryGetValue(text.AsSpan(start, length), out replacement))
                length--;
            if (length == 0)
            {
                start++;
                continue;
            }
            rewritten ??= new StringBuilder(text.Length + 8);
            rewritten.Append(text, copied, start - copied).Append(replacement);
            start += length;
            copied = start;
        }
        return rewritten is null ? text : rewritten.Append(text, copied, text.Length - copied).ToString();
    }
}
