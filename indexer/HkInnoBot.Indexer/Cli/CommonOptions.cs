using System.CommandLine;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Ranking;
using Microsoft.Extensions.Logging;

namespace HkInnoBot.Indexer.Cli;

/// <summary>Options every command takes, and the settings and logger they make.</summary>
internal static class CommonOptions
{
    public static readonly Option<string> Index = new("--index")
    {
        Description = "Index folder (shared with the bot)",
        DefaultValueFactory = _ => SearchSettings.DefaultIndexPath,
    };

    public static readonly Option<string> Corpus = new("--corpus")
    {
        Description = "Corpus folder: documents as published (.txt, .pdf, .html, .docx), each with an optional NAME.meta.json",
        DefaultValueFactory = _ => SearchSettings.DefaultCorpusPath,
    };

    /// <summary>A command that works on the index, with the options every such command takes.</summary>
    public static Command IndexCommand(string name, string description)
    {
        var command = new Command(name, description);
        foreach (var option in new Option[] { Index, Corpus })
            command.Options.Add(option);
        return command;
    }

    public static SearchSettings Settings(ParseResult parse) => new()
    {
        IndexPath = Path.GetFullPath(parse.GetValue(Index)!),
        CorpusPath = Path.GetFullPath(parse.GetValue(Corpus)!),
    };

    /// <summary>Progress goes to stderr, so stdout stays clean for --json. Dispose it to flush the last lines.</summary>
    public static ILoggerFactory Logging(LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(logging => logging
                .SetMinimumLevel(minimum)
                .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = null; })
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
}
