using System.CommandLine;
using HkInnoBot.Search.Corpus;
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
            PassageIndex.BuildSummary summary;
            try
            {
                summary = PassageIndex.Build(settings, logging.CreateLogger("indexer"));
            }
            catch (CorpusException e)
            {
                Console.Error.WriteLine($"Nothing built, the previous index stays: {e.Message}");
                return 1;
            }
            Console.WriteLine($"Built {settings.IndexPath}: {summary.Documents} document(s), {summary.Passages} passages, {summary.Elapsed.TotalSeconds:F2} s"
                + (summary.Skipped.Count == 0 ? "" : $"; skipped {summary.Skipped.Count} file(s)"));
            return 0;
        });
        return command;
    }
}
