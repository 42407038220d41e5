using System.Reflection;

namespace HkInnoBot.Search.Analysis;

/// <summary>The word lists in <c>Language/</c>, embedded in the library: one entry a line, <c>#</c> starts a comment.</summary>
internal static class WordList
{
    public static IReadOnlyList<string> Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Language.{name}")
            ?? throw new InvalidOperationException($"Word list {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Split('#')[0].Trim();
            if (entry.Length > 0)
                entries.Add(entry);
        }
        return entries;
    }
}
