using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Cn.Smart.Hhmm;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace HkInnoBot.Search.Analysis;

/// <summary>
/// The one definition of how text becomes terms, used for both indexing and querying. Two views of the same
/// Simplified text: SmartCn words (precise when its dictionary knows the word) and CJK bigrams (robust for the
/// Hong Kong names and Cantonese forms that SmartCn splits into single characters).
/// </summary>
public static class ChineseAnalysis
{
    public const string WordsField = "words";
    public const string BigramsField = "bigrams";

    /// <summary>Bump when the analysis, the reading of documents, the chunking or the stored fields change: indexes
    /// built by another version are rebuilt.</summary>
    public const string Version = "4";

    public static readonly LuceneVersion MatchVersion = LuceneVersion.LUCENE_48;

    public static Analyzer Create() =>
        new PerFieldAnalyzerWrapper(new WordsAnalyzer(), new Dictionary<string, Analyzer> { [BigramsField] = new BigramsAnalyzer() });

    /// <summary>Loads SmartCn's dictionaries and the script tables once, at start-up.</summary>
    public static void Warm(Analyzer analyzer)
    {
        ChineseText.Warm();
        Readings.Warm();
        foreach (var field in new[] { WordsField, BigramsField })
            _ = Terms(analyzer, field, "香港有幾多間初創企業");
    }

    private static readonly HHMMSegmenter Segmenter = new();

    /// <summary>
    /// How common a word is in general written Chinese: its count in SmartCn's dictionary, built from a large newspaper
    /// corpus; 0 when the dictionary does not know it as a word. Everyday words (需要, 專門, 地方) count in the
    /// hundreds or thousands; words of a particular domain (公屋, 薪俸, 天文台) in the tens or less.
    /// </summary>
    public static int GeneralFrequency(string simplifiedWord)
    {
        if (Frequencies.TryGetValue(simplifiedWord, out var known))
            return known;
        var tokens = Segmenter.Process(simplifiedWord);
        // The segmenter frames the sentence with a start and an end token.
        return Frequencies.Add(simplifiedWord, tokens.Count == 3 && new string(tokens[1].CharArray) == simplifiedWord ? tokens[1].Weight : 0);
    }

    // Looking a word up costs a segmentation, a graph of a few KB: the words questions use are few, so each is looked up
    // once.
    private static readonly BoundedCache<string, int> Frequencies = new(100_000, StringComparer.Ordinal);

    /// <summary>A token of one field's analysis: its term, whether it is a pair of Han characters, how far it stands
    /// from the token before it, and where it is in the text.</summary>
    public readonly record struct Token(string Term, bool IsPair, int PositionIncrement, int Start, int End);

    /// <summary>The tokens of a text in one field's analysis, in order.</summary>
    public static List<Token> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<Token>(text.Length);
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            tokens.Add(new Token(TermString(term), type.Type == CJKBigramFilter.DOUBLE_TYPE, increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        stream.End();
        return tokens;
    }

    // Questions use the same few thousand words and pairs again and again: each term's string is made once.
    private static readonly BoundedCache<string, string> TermStrings = new(100_000, StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TermStringsBySpan =
        TermStrings.AlternateLookup<ReadOnlySpan<char>>();

    private static string TermString(ICharTermAttribute term)
    {
        var characters = term.Buffer.AsSpan(0, term.Length);
        if (TermStringsBySpan.TryGetValue(characters, out var known))
            return known;
        var text = characters.ToString();
        return TermStrings.Add(text, text);
    }

    /// <summary>The distinct terms of a text in one field's analysis, in order of first appearance.</summary>
    public static IReadOnlyList<string> Terms(Analyzer analyzer, string field, string text) =>
        Tokens(analyzer, field, text).Select(token => token.Term).Distinct().ToList();

    private sealed class WordsAnalyzer : Analyzer
    {
        protected override TextReader InitReader(string fieldName, TextReader reader) => new SearchNormalizingCharFilter(reader);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new HMMChineseTokenizer(reader);
            TokenStream stream = new LowerCaseFilter(MatchVersion, tokenizer);
            // SmartCn's default stop set is punctuation only; words stay.
            stream = new StopFilter(MatchVersion, stream, SmartChineseAnalyzer.DefaultStopSet);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private sealed class BigramsAnalyzer : Analyzer
    {
        protected override TextReader InitReader(string fieldName, TextReader reader) => new SearchNormalizingCharFilter(reader);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(MatchVersion, reader);
            TokenStream stream = new CJKBigramFilter(tokenizer);
            // "Wi-Fi.HK" and "Wi-Fi. HK" must meet: split ASCII words on punctuation, but keep "5G" and "InnoHK" whole.
            stream = new WordDelimiterFilter(MatchVersion, stream,
                WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS | WordDelimiterFlags.PRESERVE_ORIGINAL, null);
            stream = new LowerCaseFilter(MatchVersion, stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
