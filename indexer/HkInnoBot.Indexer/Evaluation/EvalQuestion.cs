using System.Text.Json;
using System.Text.Json.Serialization;
using HkInnoBot.Search;

namespace HkInnoBot.Indexer.Evaluation;

/// <summary>
/// A question of an evaluation file: a line <c>{"id","lang","q","expect"[,"kind","short","typo","style","writer","brief"]}</c>,
/// or a turn of a conversation line <c>{"id","lang","turns":[{"q","expect"[,"kind","short","typo"]}…]}</c>.
/// <c>expect</c> holds substrings of the passages that answer; empty means the text has no answer. <c>kind</c> says
/// which: answerable, or one of <see cref="Unanswerable"/> (older files say it in <c>style</c>). <c>short</c> holds
/// the spans a short answer must give, one per fact asked; <c>typo</c> marks a one-character slip ("科技卷&gt;科技券").
/// A turn after the first is of style "follow-up" and is asked with what the conversation's earlier turns left.
/// </summary>
public sealed record EvalQuestion(
    [property: JsonRequired] string Id,
    [property: JsonRequired] string Lang,
    [property: JsonRequired] string Q,
    [property: JsonRequired] IReadOnlyList<string> Expect,
    string? Style = null,
    string? Kind = null,
    IReadOnlyList<string>? Short = null,
    string? Typo = null,
    string? Writer = null,
    string? Brief = null)
{
    /// <summary>The kinds of question the text cannot answer: a topic it does not cover that shares words with one it
    /// does, a fact it does not give about a topic it covers, a year it gives no figure for, and the unrelated.</summary>
    public static readonly IReadOnlyList<string> Unanswerable = ["near-miss", "fact-absent", "year-absent", "far"];

    public bool InScope => Expect.Count > 0;

    /// <summary>answerable, near-miss, fact-absent, year-absent or far; read from the style in older files.</summary>
    [JsonIgnore]
    public string KindOrStyle => Kind ?? (InScope ? "answerable" : Style is { } style && Unanswerable.Contains(style) ? style : "far");

    [JsonIgnore] public string? Conversation { get; init; }

    /// <summary>The file it was read from.</summary>
    [JsonIgnore] public string? Source { get; init; }

    [JsonIgnore] public int Turn { get; init; }

    /// <summary>Reads a JSONL file of questions or conversations; a malformed line fails with its line number.</summary>
    public static IReadOnlyList<EvalQuestion> Load(string path)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                questions.AddRange((line.Contains("\"turns\"", StringComparison.Ordinal)
                    ? (JsonSerializer.Deserialize<EvalConversation>(line, Json.Lenient) ?? throw new JsonException("null is not a conversation")).Questions()
                    : [JsonSerializer.Deserialize<EvalQuestion>(line, Json.Lenient) ?? throw new JsonException("null is not a question")])
                    .Select(question => question with { Source = path }));
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNumber}: not a question or conversation object ({e.Message})", e);
            }
        }
        return questions.Count > 0 ? questions : throw new FormatException($"{path}: no questions");
    }
}

/// <summary>A line of a conversation file: turns asked one after another in one conversation.</summary>
public sealed record EvalConversation(
    [property: JsonRequired] string Id,
    [property: JsonRequired] string Lang,
    [property: JsonRequired] IReadOnlyList<EvalConversation.EvalTurn> Turns,
    string? Writer = null,
    string? Brief = null)
{
    public sealed record EvalTurn(
        [property: JsonRequired] string Q,
        [property: JsonRequired] IReadOnlyList<string> Expect,
        string? Kind = null,
        IReadOnlyList<string>? Short = null,
        string? Typo = null);

    public IEnumerable<EvalQuestion> Questions() => Turns.Select((turn, i) =>
        new EvalQuestion($"{Id}.{i + 1}", Lang, turn.Q, turn.Expect, i == 0 ? "first-turn" : "follow-up", turn.Kind, turn.Short, turn.Typo, Writer, Brief)
        {
            Conversation = Id,
            Turn = i + 1,
        });
}
