using System.Text.RegularExpressions;
using ICU4N.Text;

namespace HkInnoBot.Search.Analysis;

/// <summary>The script a question is written in, so the reply can be shown in it.</summary>
public enum Script { Traditional, Simplified }

/// <summary>Character-level normalisation shared by indexing, querying and display.</summary>
public static partial class ChineseText
{
    // ICU's transliterator takes a lock on every call, so its Hant→Hans conversion is read out once at start-up into
    // tables that serve every thread without one: what it does with each character alone, and its rules for words that
    // convert otherwise (甚麼 → 什么, not 甚么; 計畫 → 计划). ChineseTextTests checks the result against the transliterator.
    private static readonly Lazy<Conversion> Tables = new(Conversion.FromIcu);

    /// <summary>Fills the tables (about half a second) so the first question does not pay for it.</summary>
    public static void Warm() => _ = Tables.Value;

    /// <summary>
    /// Simplified script and half-width ASCII, keeping the text's length so that token offsets still point into the
    /// original (highlighting runs on the Traditional text).
    /// </summary>
    public static string NormalizeForSearch(string text) => Map(text, lowerCase: false);

    /// <summary>For comparing what users type with data written in either script or case: Simplified, half-width,
    /// lower case, same length.</summary>
    public static string ComparisonKey(string text) => Map(text, lowerCase: true);

    /// <summary>Whether a comparison key holds a word of a word list (also a comparison key): a Han word anywhere, a
    /// Latin word only standing alone or with a plural s ("rent" is not in "current", "it" not in "with").</summary>
    public static bool HoldsWord(string key, string word)
    {
        if (!char.IsAsciiLetter(word[^1]))
            return key.Contains(word, StringComparison.Ordinal);
        for (var at = key.IndexOf(word, StringComparison.Ordinal); at >= 0; at = key.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsAsciiLetter(key[at - 1])) && (end == key.Length || !char.IsAsciiLetter(key[end]) || key[end] == 's'))
                return true;
        }
        return false;
    }

    /// <summary>The text in Simplified script, as ICU's "[:Han:] Hant-Hans" gives it; the same text when nothing
    /// changes, as for all ASCII.</summary>
    public static string ToSimplified(string text)
    {
        var conversion = Tables.Value;
        foreach (var c in text)
            if (conversion.ToSimplified[c] != c)
                return string.Create(text.Length, (text, conversion), static (span, state) => state.conversion.Simplify(state.text, span));
        return text;
    }

    /// <summary>The text in the given script; markdown and punctuation are kept as they are.</summary>
    public static string InScript(string text, Script script) => script == Script.Simplified ? ToSimplified(text) : text;

    /// <summary>Simplified when more of its Han characters exist only in Simplified than only in Traditional;
    /// Traditional otherwise (the corpus's script, and Cantonese's).</summary>
    public static Script DetectScript(string text)
    {
        var conversion = Tables.Value;
        int simplifiedOnly = 0, traditionalOnly = 0;
        foreach (var c in text)
        {
            if (conversion.SimplifiedOnly[c])
                simplifiedOnly++;
            else if (conversion.ToSimplified[c] != c)
                traditionalOnly++;
        }
        return simplifiedOnly > traditionalOnly ? Script.Simplified : Script.Traditional;
    }

    private static string Map(string text, bool lowerCase) => string.Create(text.Length, (text, lowerCase), static (span, state) =>
    {
        Tables.Value.Simplify(state.text, span);
        for (var i = 0; i < span.Length; i++)
        {
            // Full-width ASCII (Ａ-Ｚ, ０-９, ＋…) and the ideographic space to their half-width forms.
            var c = span[i] switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(span[i] - 0xFEE0),
                '\u3000' => ' ',
                var other => other,
            };
            // Chinese has no case: only letters that have one go through the culture tables, which are slow.
            span[i] = !state.lowerCase ? c : char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c < 0x80 || !char.IsUpper(c) ? c : char.ToLowerInvariant(c);
        }
    });

    /// <summary>ICU's Hant→Hans conversion as tables: a character each, and the words its rules convert differently.</summary>
    private sealed class Conversion
    {
        public required char[] ToSimplified { get; init; }

        /// <summary>Characters that Hans→Hant would change: written only in Simplified.</summary>
        public required bool[] SimplifiedOnly { get; init; }

        public required Dictionary<string, string> Words { get; init; }

        private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> WordLookup => Words.GetAlternateLookup<ReadOnlySpan<char>>();

        private int longestWord;
        private bool[] startsWord = [];

        /// <summary>Writes <paramref name="text"/> in Simplified into <paramref name="into"/> (the same length): at each
        /// place the longest word rule that matches, else the character's own conversion.</summary>
        public void Simplify(ReadOnlySpan<char> text, Span<char> into)
        {
            var lookup = WordLookup;
            for (var i = 0; i < text.Length;)
            {
                if (startsWord[text[i]])
                {
                    var length = Math.Min(longestWord, text.Length - i);
                    string? word = null;
                    while (length > 1 && !lookup.TryGetValue(text.Slice(i, length), out word))
                        length--;
                    if (word is not null)
                    {
                        word.AsSpan().CopyTo(into[i..]);
                        i += length;
                        continue;
                    }
                }
                into[i] = ToSimplified[text[i]];
                i++;
            }
        }

        public static Conversion FromIcu()
        {
            // Filtered to Han so that 「」『』 stay as they are (the unfiltered transform rewrites them and changes segmentation).
            var hantToHans = Transliterator.GetInstance("[:Han:] Hant-Hans");
            var hansToHant = Transliterator.GetInstance("[:Han:] Hans-Hant");
            var toSimplified = new char[char.MaxValue + 1];
            var simplifiedOnly = new bool[char.MaxValue + 1];
            for (var i = 0; i < toSimplified.Length; i++)
                toSimplified[i] = (char)i;
            foreach (var (first, last) in HanBlocks)
                for (var c = first; c <= last; c++)
                {
                    if (hantToHans.Transliterate(c.ToString()) is [var simplified] && simplified != c)
                        toSimplified[c] = simplified;
                    simplifiedOnly[c] = hansToHant.Transliterate(c.ToString()) != c.ToString();
                }

            // Word rules whose result differs from converting their characters one by one; all keep the length.
            var words = new Dictionary<string, string>();
            foreach (Match rule in WordRule().Matches(Transliterator.GetInstance("Hant-Hans").ToRules(escapeUnprintable: false)))
            {
                var (word, converted) = (rule.Groups["word"].Value, rule.Groups["converted"].Value);
                if (word.Length == converted.Length && string.Concat(word.Select(c => toSimplified[c])) != converted)
                    words.TryAdd(word, converted);
            }
            var conversion = new Conversion { ToSimplified = toSimplified, SimplifiedOnly = simplifiedOnly, Words = words };
            conversion.longestWord = words.Keys.Select(word => word.Length).DefaultIfEmpty(0).Max();
            conversion.startsWord = new bool[char.MaxValue + 1];
            foreach (var word in words.Keys)
                conversion.startsWord[word[0]] = true;
            return conversion;
        }

        // CJK Unified Ideographs, Extension A and Compatibility Ideographs: every BMP character ICU converts.
        private static readonly (char First, char Last)[] HanBlocks = [('\u3400', '\u4DBF'), ('\u4E00', '\u9FFF'), ('\uF900', '\uFAFF')];
    }

    // "計畫 > 计划;" — a plain rule of two or more Han characters.
    [GeneratedRegex(@"^\s*(?<word>\p{IsCJKUnifiedIdeographs}{2,})\s*>\s*(?<converted>\p{IsCJKUnifiedIdeographs}+)\s*;\s*$", RegexOptions.Multiline)]
    private static partial Regex WordRule();
}
