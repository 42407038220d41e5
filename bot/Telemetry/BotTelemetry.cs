using System.Diagnostics;
using System.Diagnostics.Metrics;
using HkInnoBot.Search.Answers;

namespace HkInnoBot.Bot.Telemetry;

/// <summary>
/// What the bot reports of its own work, through .NET's <see cref="Meter"/> and <see cref="ActivitySource"/>, which
/// OpenTelemetry reads (Program.cs): replies by outcome, the answer model's probability, the time a search takes, the
/// index that serves; and a span for each turn.
/// </summary>
public sealed class BotTelemetry
{
    public const string Name = "HkInnoBot";

    /// <summary>The turn spans' source; a span costs nothing until a listener (the OTLP exporter) is there.</summary>
    public static readonly ActivitySource Turns = new(Name);

    private readonly Counter<long> answers;
    private readonly Histogram<double> probability;
    private readonly Histogram<double> searchTime;

    public BotTelemetry(IMeterFactory meters, Answerer answerer)
    {
        var meter = meters.Create(Name);
        answers = meter.CreateCounter<long>("hkinnobot.answers", description: "Questions searched, by outcome: answered, partial (the text speaks of the topic, not of what is asked), declined, unavailable (no index)");
        probability = meter.CreateHistogram("hkinnobot.answer.confidence", unit: null,
            description: "The answer model's probability that the first passage answers the question",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] });
        searchTime = meter.CreateHistogram("hkinnobot.search.duration", unit: "s", description: "Time to answer a question from the index",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        meter.CreateObservableGauge("hkinnobot.index.passages", () => answerer.Describe()?.Passages ?? 0, description: "Passages in the index that serves");
        meter.CreateObservableGauge("hkinnobot.index.generation", () => answerer.Describe()?.Commit.Generation ?? 0, description: "The Lucene commit generation that serves");
    }

    /// <summary>The outcome a reply reports, or null for a message that was not searched (empty, emoji).</summary>
    public static string? OutcomeOf(Answer answer) => answer.Status switch
    {
        AnswerStatus.Answered => "answered",
        AnswerStatus.Partial => "partial",
        AnswerStatus.NoAnswer => "declined",
        AnswerStatus.Unavailable => "unavailable",
        _ => null,
    };

    /// <summary>Counts a searched question, and tags the turn's span with its outcome.</summary>
    public void Searched(Answer answer, TimeSpan took)
    {
        if (OutcomeOf(answer) is not { } outcome)
            return;
        answers.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        searchTime.Record(took.TotalSeconds);
        if (answer.Probability is { } p)
            probability.Record(p);
        Activity.Current?.SetTag("hkinnobot.outcome", outcome);
    }
}
