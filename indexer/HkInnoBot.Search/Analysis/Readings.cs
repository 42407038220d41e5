using ICU4N.Text;

namespace HkInnoBot.Search.Analysis;

/// <summary>
/// How Han characters sound, without tones: in Cantonese from rime-cantonese's Jyutping (<c>Language/jyutping.txt</c>,
/// CC BY 4.0), in Mandarin from ICU's Han-Latin transliteration. A slip typed on a phonetic keyboard swaps a character
/// for one that sounds alike in one of them (科技卷 for 科技券, 人材 for 人才, 计化 for 计划). Read into tables once, at
/// start-up: ICU's transliterator takes a lock on every call.
/// </summary>
public static class Readings
{
    private static readonly Lazy<int[]?[]> Syllables = new(Read);

    /// <summary>Fills the tables (about a second, most of it ICU's) so the first question does not pay for it.</summary>
    public static void Warm() => _ = Syllables.Value;

    /// <summary>Whether two characters share a reading, tones aside, in Cantonese or in Mandarin. Either script: a
    /// Simplified character has the readings of the Traditional ones it stands for.</summary>
    public static bool SoundAlike(char a, char b)
    {
        var table = Syllables.Value;
        if (table[a] is not { } first || table[b] is not { } second)
            return false;
        foreach (var syllable in first)
            if (Array.IndexOf(second, syllable) >= 0)
                return true;
        return false;
    }

    /// <summary>The character's readings as numbers (one per toneless syllable and language); empty when unknown.</summary>
    public static ReadOnlySpan<int> Of(char c) => Syllables.Value[c];

    private static int[]?[] Read()
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var readings = new HashSet<int>?[char.MaxValue + 1];
        void Add(char c, string language, string syllable)
        {
            if (!ids.TryGetValue(language + syllable, out var id))
                ids[language + syllable] = id = ids.Count;
            (readings[c] ??= []).Add(id);
        }

        foreach (var line in WordList.Read("jyutping.txt"))
        {
            var (character, syllables) = (line[0], line[(line.IndexOf('\t') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            foreach (var syllable in syllables)
            {
                Add(character, "yue:", syllable);
                // The dictionary writes Traditional; a Simplified character reads as the Traditional ones it stands for.
                if (ChineseText.ToSimplified(character.ToString())[0] is var simplified && simplified != character)
                    Add(simplified, "yue:", syllable);
            }
        }

        // One call over every character: each call takes the transliterator's lock and sets up its rules.
        var characters = HanBlocks.SelectMany(block => Enumerable.Range(block.First, block.Last - block.First + 1)).Select(i => (char)i).ToArray();
        var pinyin = Transliterator.GetInstance("Han-Latin; Latin-ASCII").Transliterate(string.Join('|', characters)).Split('|');
        for (var i = 0; i < characters.Length && i < pinyin.Length; i++)
            if (pinyin[i].Length > 0 && pinyin[i].All(char.IsAsciiLetterLower))
                Add(characters[i], "cmn:", pinyin[i]);

        var table = new int[]?[char.MaxValue + 1];
        for (var c = 0; c < table.Length; c++)
            if (readings[c] is { } known)
                table[c] = [.. known.Order()];
        return table;
    }

    // CJK Unified Ideographs and Extension A: the characters questions are typed in.
    private static readonly (char First, char Last)[] HanBlocks = [('\u3400', '\u4DBF'), ('\u4E00', '\u9FFF')];
}
