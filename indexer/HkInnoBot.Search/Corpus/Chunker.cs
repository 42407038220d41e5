using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HkInnoBot.Search.Corpus;

/// <summary>
/// Splits a fact-sheet text into passages. The layout it reads: a title line, section headings (short lines with no
/// bullet and no sentence punctuation), paragraphs and "- " bullets, and trailing date lines.
/// </summary>
public static partial class Chunker
{
    public static IEnumerable<Passage> Split(CorpusDocument document)
    {
        var section = "";
        var ids = new HashSet<string>();
        foreach (var block in Blocks(document.Text))
        {
            if (IsDateLine(block))
                continue;
            if (IsHeading(block))
            {
                // The first heading is the document's own title, not a section.
                if (block != document.Metadata.Title)
                    section = block;
                continue;
            }
            var text = BoldMarker().Replace(Bullet().Replace(block, ""), "");
            yield return new Passage(UniqueId(ids, $"{document.Id}#{Fingerprint(text)}"), section, text, document);
        }
    }

    /// <summary>A passage's id follows its text, not its place, so it survives edits elsewhere in the document: a button
    /// in an old card still opens it after a rebuild.</summary>
    private static string Fingerprint(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];

    // The same sentence twice in one document keeps two ids.
    private static string UniqueId(HashSet<string> ids, string id)
    {
        var unique = id;
        for (var copy = 2; !ids.Add(unique); copy++)
            unique = $"{id}-{copy}";
        return unique;
    }

    /// <summary>Non-empty lines, with a line that a page break cut mid-sentence joined to its continuation.</summary>
    private static IEnumerable<string> Blocks(string text)
    {
        string? pending = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (pending is not null)
            {
                if (!Bullet().IsMatch(line) && !IsHeading(line))
                {
                    pending += line;
                    if (EndsSentence(pending))
                    {
                        yield return pending;
                        pending = null;
                    }
                    continue;
                }
                yield return pending;
                pending = null;
            }
            if (IsHeading(line) || IsDateLine(line) || EndsSentence(line))
                yield return line;
            else
                pending = line;
        }
        if (pending is not null)
            yield return pending;
    }

    private static bool IsHeading(string line) =>
        line.Length <= 20 && !Bullet().IsMatch(line) && !SentencePunctuation().IsMatch(line) && !IsDateLine(line);

    private static bool IsDateLine(string line) => DateLine().IsMatch(line);

    private static bool EndsSentence(string line) => SentenceEnd().IsMatch(line);

    [GeneratedRegex(@"^[-•・*]\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\*\*")]
    private static partial Regex BoldMarker();

    [GeneratedRegex(@"[。，；：！？]")]
    private static partial Regex SentencePunctuation();

    [GeneratedRegex(@"[。！？；）)」』》〕\]]$")]
    private static partial Regex SentenceEnd();

    // "（更新日期：2024 年 7 月 25 日）" and a bare "2024 年 7 月" closing the sheet.
    [GeneratedRegex(@"^[（(]?(更新日期[：:])?\s*\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*[）)]?$")]
    private static partial Regex DateLine();
}
