namespace HkInnoBot.Indexer.Analysis;

/// <summary>The script a question is written in, so the reply can be shown in it.</summary>
public enum Script { Traditional, Simplified }

public static class ScriptDetector
{
    /// <summary>Simplified when more of its Han characters exist only in Simplified than only in Traditional;
    /// Traditional otherwise (the corpus's script, and Cantonese's).</summary>
    public static Script Detect(string text)
    {
        int simplifiedOnly = 0, traditionalOnly = 0;
        foreach (var c in text.Where(c => c is >= '\u4E00' and <= '\u9FFF').Select(c => c.ToString()))
        {
            if (ChineseText.ToTraditional(c) != c)
                simplifiedOnly++;
            else if (ChineseText.ToSimplified(c) != c)
                traditionalOnly++;
        }
        return simplifiedOnly > traditionalOnly ? Script.Simplified : Script.Traditional;
    }

    /// <summary>The text in the given script; markdown and punctuation are kept as they are.</summary>
    public static string Display(string text, Script script) =>
        script == Script.Simplified ? ChineseText.ToSimplified(text) : text;
}
