using System.Text.RegularExpressions;

namespace HkInnoBot.Search.Answers;

/// <summary>
/// The numbers a text names, as digits whatever the writing: 2021 of 「2021年」, 2 of 「第二期」 and of 「兩個」, 8 of 「八個」.
/// A question naming a year, an edition or a count the passage does not (「2021年有幾多間初創？」, 「第二期有幾多樓面？」)
/// asks about something else than the passage's figures.
/// </summary>
public static partial class Numbers
{
    /// <summary>The numbers of a comparison key (Simplified, half-width), each once.</summary>
    public static IReadOnlyList<string> In(string key)
    {
        var found = new List<string>();
        foreach (Match match in Number().Matches(key))
        {
            var value = match.Groups["digits"].Success ? match.Groups["digits"].Value.Replace(",", "") : Chinese(match.Groups["chinese"].Value);
            if (value.Length > 0 && !found.Contains(value))
                found.Add(value);
        }
        return found;
    }

    // A Chinese numeral up to 99 (二, 十二, 二十, 两): the editions, counts and ordinals questions name.
    private static string Chinese(string numeral)
    {
        static int Digit(char c) => "零一二三四五六七八九".IndexOf(c) is var d and >= 0 ? d : c == '两' ? 2 : -1;
        var ten = numeral.IndexOf('十');
        if (ten < 0)
            return numeral.Length == 1 && Digit(numeral[0]) >= 0 ? Digit(numeral[0]).ToString() : "";
        var tens = ten == 0 ? 1 : Digit(numeral[0]);
        var units = ten == numeral.Length - 1 ? 0 : Digit(numeral[^1]);
        return tens < 0 || units < 0 ? "" : (tens * 10 + units).ToString();
    }

    // Digits, or a Chinese numeral standing as a count or ordinal (第二, 两个, 八间): a numeral inside a word (一站式,
    // 一国两制, 十四五) is not one.
    [GeneratedRegex(@"(?<digits>\d[\d,]*(?:\.\d+)?)|(?:(?<=第)|(?=[零一二两三四五六七八九十]{1,3}(?:个|间|家|所|期|届|座|条|项|名|位|年|月|大|成)))(?<chinese>[零一二两三四五六七八九十]{1,3})")]
    private static partial Regex Number();
}
