using System.Reflection;
using System.Text.Json;

namespace HkInnoBot.Search.Models;

/// <summary>Where a model was fitted: the question files of the bank's train split and their SHA-256, so a test can
/// tell that no test file was used and that the model is fitted on the bank as it is.</summary>
public sealed record TrainedOn(IReadOnlyList<string> Files, IReadOnlyList<string> Sha256, int Rows, int Positives);

/// <summary>
/// A decision fitted on the question bank by <c>indexer train</c> (ML.NET's L-BFGS logistic regression), kept as data in
/// <c>Models/NAME.json</c>: the features it reads, by name, the mean and scale each is standardised with, their weights,
/// and the probability above which the decision is taken, chosen on the train split. Applying it is a dot product and
/// a sigmoid: no library on the answering path.
/// </summary>
public sealed record DecisionModel(
    string Name, IReadOnlyList<string> Features, double[] Mean, double[] Scale, double[] Weights, double Bias, double Threshold,
    TrainedOn? TrainedOn = null)
{
    /// <summary>The probability that the decision is right for these feature values (in <see cref="Features"/>' order).</summary>
    public double Probability(ReadOnlySpan<double> values)
    {
        var z = Bias;
        for (var i = 0; i < Weights.Length; i++)
            z += Weights[i] * (values[i] - Mean[i]) * Scale[i];
        return 1 / (1 + Math.Exp(-z));
    }

    public bool Decides(ReadOnlySpan<double> values) => Probability(values) >= Threshold;

    /// <summary>A model that knows nothing (every probability ½, threshold ½): what training starts from.</summary>
    public static DecisionModel Untrained(string name, IReadOnlyList<string> features) =>
        new(name, features, new double[features.Count], [.. features.Select(_ => 1.0)], new double[features.Count], 0, 0.5);

    public static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads the model embedded as <c>Models/NAME.json</c>, checking that it reads the features the code
    /// computes, in the same order: a model fitted on other features fails here, at start-up, not with wrong answers.</summary>
    public static DecisionModel Embedded(string name, IReadOnlyList<string> features)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Models.{name}.json")
            ?? throw new InvalidOperationException($"Model {name}.json is not embedded: run `indexer train`");
        var model = JsonSerializer.Deserialize<DecisionModel>(stream, FileFormat)
            ?? throw new InvalidDataException($"Model {name}.json is empty");
        if (!model.Features.SequenceEqual(features))
            throw new InvalidDataException($"Model {name}.json reads [{string.Join(", ", model.Features)}], the code computes " +
                $"[{string.Join(", ", features)}]: run `indexer train`");
        return model;
    }
}
