using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HkInnoBot.Search.Corpus;

/// <summary>
/// Cuts a document into passages: each paragraph (a bullet, a list item, a table row) under its section heading is one,
/// whatever the format it was read from. A paragraph too long to read as one answer (a speech's, a report's) is cut
/// between sentences.
/// </summary>
public static partial class Chunker
{
    /// <summary>Longer paragraphs are cut. The fact sheet's longest is 241 characters; a passage of a few hundred is
    /// what a chat reply can show and what a short answer is read from.</summary>
    public const int MaxPassageLength = 400;

    public static IEnumerable<Passage> Split(CorpusDocument document)
    {
        var ids = new HashSet<string>();
        foreach (var section in document.Sections)
            foreach (var paragraph in section.Paragraphs)
                foreach (var text in Pieces(paragraph.Text))
                    yield return new Passage(UniqueId(ids, $"{document.Id}#{Fingerprint(text)}"), section.Heading, text, document,
                        paragraph.Page, paragraph.Anchor);
    }

    /// <summary>The paragraph, or consecutive sentences of it of at most <see cref="MaxPassageLength"/> characters (a
    /// sentence longer than that is cut where it must be).</summary>
    private static IEnumerable<string> Pieces(string paragraph)
    {
        if (paragraph.Length <= MaxPassageLength)
        {
            yield return paragraph;
            yield break;
        }
        var piece = new StringBuilder();
        foreach (var sentence in SentenceEnd().Split(paragraph).Where(sentence => sentence.Length > 0))
        {
            if (piece.Length > 0 && piece.Length + sentence.Length > MaxPassageLength)
            {
                yield return piece.ToString().Trim();
                piece.Clear();
            }
            for (var start = 0; start < sentence.Length; start += MaxPassageLength)
            {
                var part = sentence.Substring(start, Math.Min(MaxPassageLength, sentence.Length - start));
                if (piece.Length > 0 && piece.Length + part.Length > MaxPassageLength)
                {
                    yield return piece.ToString().Trim();
                    piece.Clear();
                }
                piece.Append(part);
            }
        }
        if (piece.ToString().Trim() is { Length: > 0 } last)
            yield return last;
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

    // Splits after a sentence's end, keeping the mark (and a closing quote or bracket) with the sentence.
    [GeneratedRegex(@"(?<=[。！？!?][」』）)]?)(?![」』）)])|(?<=\. )")]
    private static partial Regex SentenceEnd();
}
