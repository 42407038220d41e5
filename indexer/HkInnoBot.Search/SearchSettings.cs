using HkInnoBot.Search.Ranking;

namespace HkInnoBot.Search;

/// <summary>Where the index and corpus live, and how the bot follows them. Bound from configuration
/// section "Search" by the bot; set from the command line by the indexer.</summary>
public sealed class SearchSettings
{
    /// <summary>One data folder shared by the indexer and the bot, outside the source tree.</summary>
    public static readonly string DataFolder = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "HkInnoBot");

    public static readonly string DefaultIndexPath = Path.Combine(DataFolder, "index");

    /// <summary>The repo's corpus/, copied next to the binaries at build time.</summary>
    public static readonly string DefaultCorpusPath = Path.Combine(AppContext.BaseDirectory, "corpus");

    public string IndexPath { get; set; } = DefaultIndexPath;

    public string CorpusPath { get; set; } = DefaultCorpusPath;

    /// <summary>Whether a running bot rebuilds the index when documents in the corpus folder are added, changed or removed.</summary>
    public bool WatchCorpus { get; set; } = true;

    /// <summary>How often a running bot looks at the corpus and index folders for changes.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A corpus file larger than this is skipped (and said so) rather than read: a 200 MB scan would hold up
    /// every rebuild. Text-layer PDFs of several hundred pages are a few MB.</summary>
    public long MaxDocumentBytes { get; set; } = 50_000_000;

    /// <summary>Which query-understanding steps run; all of them unless an evaluation switches some off.</summary>
    public QueryFeatures Features { get; set; } = QueryFeatures.All;
}
