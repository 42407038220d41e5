using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.Index;

/// <summary>Keeps the index current while the bot runs (<see cref="Answerer.Refresh"/>), in the background: documents
/// added to, changed in or removed from the corpus folder, an <c>indexer build</c>, a new synonyms.txt.</summary>
public sealed class IndexRefresher(Answerer answerer, IOptions<SearchSettings> options, ILogger<IndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Builds are synchronous and can take seconds: off the timer's thread, so shutdown is not held up.
                await Task.Run(() => answerer.Refresh(options.Value.WatchCorpus), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Refresh logs what it expects; anything else must not end the loop, or the bot stops following changes.
                logger.LogError(e, "Index refresh failed");
            }
        }
    }
}
