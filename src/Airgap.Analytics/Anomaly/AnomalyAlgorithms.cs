using System.Globalization;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The detectors by name, fitted from training rows and parameters as strings (CLI and API alike). Two parameters
/// belong to every algorithm: input_window (readings averaged before scoring) and decision_window (scores averaged
/// before deciding).
/// </summary>
public static class AnomalyAlgorithms
{
    /// <summary>The algorithm used when none is named (the configuration `eval skab` measures).</summary>
    public const string Default = "pca-t2q";

    /// <summary>The parameters used when none are named, per algorithm.</summary>
    public static IReadOnlyDictionary<string, string> Defaults(string algorithm) => algorithm switch
    {
        // One setting for every stream: a short average against single-reading noise, a minute of scores per
        // decision, and limits four times the 99% ones, because a few minutes of healthy readings understate how far
        // healthy equipment wanders later (measured on SKAB: docs/anomaly.md).
        "pca-t2q" => new Dictionary<string, string>
        {
            ["explained_variance"] = "0.8", ["confidence"] = "0.99", ["limit_factor"] = "4", ["input_window"] = "5", ["decision_window"] = "60",
        },
        _ => new Dictionary<string, string>(),
    };

    /// <summary><paramref name="algorithm"/>'s defaults with <paramref name="parameters"/> over them, by name.</summary>
    public static SortedDictionary<string, string> Effective(string algorithm, IReadOnlyDictionary<string, string> parameters)
    {
        var effective = new SortedDictionary<string, string>(Defaults(algorithm).ToDictionary(), StringComparer.Ordinal);
        foreach (var (k, v) in parameters) effective[k] = v;
        return effective;
    }

    /// <summary>Every algorithm, with a line on what it does and its parameters.</summary>
    public static IReadOnlyList<(string Name, string Description, string Parameters)> All { get; } =
    [
        ("pca-t2q", "PCA on robustly scaled readings: Hotelling T² in the kept components, Q (SPE) in the residual, each against its control limit",
            "explained_variance (0.8), confidence (0.99), limit_factor (4), input_window (5), decision_window (60)"),
        ("isolation-forest", "Isolation Forest (Liu et al. 2008) with scikit-learn's semantics: score 2^(-E[h]/c(n)), anomalies above 0.5 or the contamination quantile",
            "n_estimators (100), max_samples (auto), contamination (auto), max_features (1.0), bootstrap (false), random_state (none), input_window (1), decision_window (1)"),
    ];

    /// <summary>
    /// Fits <paramref name="algorithm"/> on <paramref name="rows"/> (in time order) with its defaults overridden by
    /// <paramref name="parameters"/>; an unknown name or parameter is an ArgumentException naming it.
    /// </summary>
    public static AnomalyModel Fit(string algorithm, IReadOnlyList<double[]> rows, IReadOnlyDictionary<string, string> parameters)
    {
        if (All.All(a => a.Name != algorithm))
            throw new ArgumentException($"algorithm '{algorithm}' is not one of: {string.Join(", ", All.Select(a => a.Name))}");
        var merged = Effective(algorithm, parameters);
        var inputWindow = Window(merged, "input_window");
        var decisionWindow = Window(merged, "decision_window");
        var training = ReadingSmoother.Smooth(rows, inputWindow);
        IAnomalyDetector detector = algorithm switch
        {
            "pca-t2q" => PcaT2Q.Fit(training, PcaT2QParameters.FromStrings(merged)),
            "isolation-forest" => IsolationForest.Fit(training, IsolationForestParameters.FromStrings(merged)),
            _ => throw new ArgumentException($"algorithm '{algorithm}' has no fit"),
        };
        return new AnomalyModel(detector, inputWindow, decisionWindow);
    }

    private static int Window(IDictionary<string, string> parameters, string name)
    {
        if (!parameters.Remove(name, out var text)) return 1;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000
            ? n : throw new AnomalyParameterException(name, $"'{text}' must be a whole number from 1 to 100000");
    }
}
