using ICU4N.Text;

namespace HkInnoBot.Indexer.Analysis;

/// <summary>Character-level normalisation shared by indexing, querying and display.</summary>
public static class ChineseText
{
    // Filtered to Han so that 「」『』 stay as they are (the unfiltered transform rewrites them and changes segmentation).
    private static readonly Transliterator HantToHans = Transliterator.GetInstance("[:Han:] Hant-Hans");
    private static readonly Transliterator HansToHant = Transliterator.GetInstance("[:Han:] Hans-Hant");

    /// <summary>Loads the transliterators (about half a second) so the first question does not pay for it.</summary>
    public static void Warm() => _ = ToSimplified("數碼港") + ToTraditional("数码港");

    /// <summary>
    /// Simplified script and half-width ASCII, keeping the text's length so that token offsets still point into the
    /// original (highlighting runs on the Traditional text).
    /// </summary>
    public static string NormalizeForSearch(string text)
    {
        var converted = ToSimplified(text);
        if (converted.Length != text.Length)
            converted = string.Concat(text.Select(c => ToSimplified(c.ToString()) is { Length: 1 } s ? s : c.ToString()));
        return FoldWidth(converted);
    }

    /// <summary>For comparing what users type with data written in either script or case: Simplified, half-width,
    /// lower case, same length.</summary>
    public static string ComparisonKey(string text) => NormalizeForSearch(text).ToLowerInvariant();

    // Empty text (the char filter passes it for empty input) never reaches the transliterator.
    public static string ToSimplified(string text) => text.Length == 0 ? text : HantToHans.Transliterate(text);

    public static string ToTraditional(string text) => text.Length == 0 ? text : HansToHant.Transliterate(text);

    /// <summary>Full-width ASCII (Ａ-Ｚ, ０-９, ＋…) and the ideographic space to their half-width forms.</summary>
    private static string FoldWidth(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            };
        }
    });
}
