using Lucene.Net.Analysis;

namespace HkInnoBot.Search.Analysis;

/// <summary>
/// Runs <see cref="ChineseText.NormalizeForSearch"/> before tokenization: SmartCn's dictionary is Simplified-only,
/// so conversion has to happen on characters, not on tokens. The conversion keeps length, so offsets need no correction.
/// </summary>
internal sealed class SearchNormalizingCharFilter(TextReader input) : CharFilter(input)
{
    private StringReader? normalized;

    protected override int Correct(int currentOff) => currentOff;

    public override int Read(char[] buffer, int index, int count) => Normalized().Read(buffer, index, count);

    public override int Read() => Normalized().Read();

    public override int Peek() => Normalized().Peek();

    private StringReader Normalized() => normalized ??= new StringReader(ChineseText.NormalizeForSearch(m_input.ReadToEnd() ?? ""));
}
