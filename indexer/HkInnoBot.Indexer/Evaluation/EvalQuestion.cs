using System.Text.Json;
using System.Text.Json.Serialization;
using HkInnoBot.Search;

namespace HkInnoBot.Indexer.Evaluation;

/// <summary>A question of an evaluation file: a line <c>{"id","lang","q","expect"[,"style"]}</c>, or a turn of a
/// conversation line <c>{"id","lang","turns":[{"q","expect"}…]}</c>. <c>expect</c> holds substrings of the passages
/// that answer; empty means the text has no answer (out of scope). A turn after the first is of style "follow-up" and
/// is asked with what the conversation's earlier turns left (<see cref="Conversation"/>, <see cref="Turn"/>).</summary>
public sealed record EvalQuestion(
    [property: JsonRequired] string Id,
    [property: JsonRequired] string Lang,
    [property: JsonRequired] string Q,
    [property: JsonRequired] IReadOnlyList<string> Expect,
    string? Style = null)
{
    public bool InScope => Expect.Count > 0;

    [JsonIgnore] public string? Conversation { get; init; }

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
                questions.AddRange(line.Contains("\"turns\"", StringComparison.Ordinal)
                    ? (JsonSerializer.Deserialize<EvalConversation>(line, Json.Lenient) ?? throw new JsonException("null is not a conversation")).Questions()
                    : [JsonSerializer.Deserialize<EvalQuestion>(line, Json.Lenient) ?? throw new JsonException("null is not a question")]);
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
    [property: JsonRequired] IReadOnlyList<EvalConversation.EvalTurn> Turns)
{
    public sealed record EvalTurn([property: JsonRequired] string Q, [property: JsonRequired] IReadOnlyList<string> Expect);

    public IEnumerable<EvalQuestion> Questions() => Turns.Select((turn, i) =>
        new EvalQuestion($"{Id}.{i + 1}", Lang, turn.Q, turn.Expect, i == 0 ? "first-turn" : "follow-up") { Conversation = Id, Turn = i + 1 });
}
