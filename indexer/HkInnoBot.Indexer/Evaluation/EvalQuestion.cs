using System.Text.Json;
using System.Text.Json.Serialization;
using HkInnoBot.Search;

namespace HkInnoBot.Indexer.Evaluation;

/// <summary>A line of an evaluation file: <c>{"id","lang","q","expect"[,"style"]}</c>. <c>expect</c> holds substrings of
/// the passages that answer; empty means the text has no answer (out of scope).</summary>
public sealed record EvalQuestion(
    [property: JsonRequired] string Id,
    [property: JsonRequired] string Lang,
    [property: JsonRequired] string Q,
    [property: JsonRequired] IReadOnlyList<string> Expect,
    string? Style = null)
{
    public bool InScope => Expect.Count > 0;

    /// <summary>Reads a JSONL file; a malformed line fails with its line number.</summary>
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
                questions.Add(JsonSerializer.Deserialize<EvalQuestion>(line, Json.Lenient)
                    ?? throw new JsonException("null is not a question"));
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNumber}: not a question object ({e.Message})", e);
            }
        }
        return questions.Count > 0 ? questions : throw new FormatException($"{path}: no questions");
    }
}
