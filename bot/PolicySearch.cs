using HkInnoBot.Indexer.Index;
using HkInnoBot.Indexer.Search;

namespace HkInnoBot.Bot;

/// <summary>
/// The passage index, opened (and built when missing or stale) once at startup.
/// A missing index must not stop the bot: <see cref="Searcher"/> is then null and every question
/// is answered with "search is unavailable".
/// </summary>
public sealed class PolicySearch(PassageSearcher? searcher) : IDisposable
{
    public PassageSearcher? Searcher { get; } = searcher;

    public static PolicySearch Open(SearchSettings settings, ILogger<PolicySearch> logger)
    {
        try
        {
            return new PolicySearch(PassageIndex.OpenOrBuild(settings, logger));
        }
        catch (IndexUnavailableException e)
        {
            logger.LogError(e, "No passage index at {IndexPath}; the bot will answer that search is unavailable", settings.IndexPath);
            return new PolicySearch(null);
        }
    }

    public void Dispose() => Searcher?.Dispose();
}
