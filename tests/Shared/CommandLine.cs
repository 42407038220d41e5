using System.Diagnostics;

namespace HkInnoBot.Tests;

/// <summary>The indexer's command line, as a user runs it: its real executable in a process of its own.</summary>
public static class CommandLine
{
    public static ProcessStartInfo Start(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HkInnoBot.Indexer.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }
}
