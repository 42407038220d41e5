using System.CommandLine;
using HkInnoBot.Search.Index;

namespace HkInnoBot.Indexer.Cli;

internal static class BuildCommand
{
    public static Command Create()
    {
        var command = CommonOptions.IndexCommand("build", "Build the index from the corpus (always rebuilds; the old index serves until the new one is complete)");
        command.SetAction(parse =>
        {
            var settings = CommonOptions.Settings(parse);
            using var logging = CommonOptions.Logging();
            var summary = PassageIndex.Build(settings, logging.CreateLogger("indexer"));
            Console.WriteLine($"Built {settings.IndexPath}: {summary.Documents} document(s), {summary.Passages} passages, {summary.Elapsed.TotalSeconds:F2} s");
            return 0;
        });
        return command;
    }
}
