using System.Globalization;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The settings of an <see cref="IsolationForest"/>, with scikit-learn's meanings and defaults: `n_estimators` trees,
/// each grown on `max_samples` rows (null: "auto", min(256, n)) and `max_features` features, drawn with replacement
/// when `bootstrap`; `contamination` (null: "auto") sets the threshold; `random_state` seeds everything (null: random).
/// </summary>
public sealed record IsolationForestParameters
{
    /// <summary>The most trees a forest may have: bounds the work and the file a request can cause.</summary>
    public const int MaxEstimators = 10_000;

    /// <summary>Trees in the forest (`n_estimators`, default 100).</summary>
    public int NEstimators { get; init; } = 100;

    /// <summary>Rows per tree (`max_samples`): null for "auto" = min(256, n); a count above n means n.</summary>
    public CountOrFraction? MaxSamples { get; init; }

    /// <summary>Expected share of anomalies in the training rows (`contamination`), in (0, 0.5]; null for "auto".</summary>
    public double? Contamination { get; init; }

    /// <summary>Features per tree (`max_features`, default 1.0 = all of them).</summary>
    public CountOrFraction MaxFeatures { get; init; } = CountOrFraction.Fraction(1.0);

    /// <summary>Draw each tree's rows with replacement (`bootstrap`, default false).</summary>
    public bool Bootstrap { get; init; }

    /// <summary>The seed (`random_state`); the same seed and rows give the same forest. Null: a new seed each fit.</summary>
    public int? RandomState { get; init; }

    /// <summary>
    /// Reads parameters written as scikit-learn's names and values (`n_estimators=200`, `max_samples=auto|256|0.5`,
    /// `contamination=auto|0.05`, `max_features=3|0.5`, `bootstrap=true`, `random_state=42|None`); names not given
    /// keep their defaults. Throws <see cref="ArgumentException"/> naming the parameter for an unknown name or a bad value.
    /// </summary>
    public static IsolationForestParameters FromStrings(IReadOnlyDictionary<string, string> values)
    {
        var parameters = new IsolationForestParameters();
        foreach (var (name, text) in values)
        {
            var value = text.Trim();
            parameters = name switch
            {
                "n_estimators" => parameters with { NEstimators = ParseEstimators(value) },
                "max_samples" => parameters with { MaxSamples = IsAuto(value) ? null : ParseCountOrFraction(name, value) },
                "contamination" => parameters with { Contamination = IsAuto(value) ? null : ParseContamination(value) },
                "max_features" => parameters with { MaxFeatures = ParseCountOrFraction(name, value) },
                "bootstrap" => parameters with { Bootstrap = bool.TryParse(value, out var b) ? b : throw Bad(name, value, "must be true or false") },
                "random_state" => parameters with { RandomState = ParseSeed(value) },
                _ => throw new AnomalyParameterException(name,
                    "isolation-forest has no such parameter (n_estimators, max_samples, contamination, max_features, bootstrap, random_state)"),
            };
        }
        return parameters;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of its range.</summary>
    public void Validate()
    {
        if (NEstimators is < 1 or > MaxEstimators)
            throw Bad("n_estimators", NEstimators.ToString(CultureInfo.InvariantCulture), $"must be an integer in [1, {MaxEstimators}]");
        if (MaxSamples is { CountValue: null, FractionValue: null })
            throw Bad("max_samples", "default", "must be auto, a count or a fraction");
        if (Contamination is { } c && !(c is > 0 and <= 0.5))
            throw Bad("contamination", c.ToString("R", CultureInfo.InvariantCulture), "must be auto or a number in (0, 0.5]");
        if (MaxFeatures is { CountValue: null, FractionValue: null })
            throw Bad("max_features", "default", "must be a count or a fraction");
        if (RandomState is < 0)
            throw Bad("random_state", RandomState.Value.ToString(CultureInfo.InvariantCulture), "must be a non-negative integer or None");
    }

    private static bool IsAuto(string value) => value.Equals("auto", StringComparison.OrdinalIgnoreCase);

    private static int ParseEstimators(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxEstimators
            ? n : throw Bad("n_estimators", value, $"must be an integer in [1, {MaxEstimators}]");

    // As in Python, the spelling decides: "1" is one row or feature, "1.0" all of them.
    private static CountOrFraction ParseCountOrFraction(string name, string value)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            return count >= 1 ? CountOrFraction.Count(count) : throw Bad(name, value, "a count must be at least 1");
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
            return fraction is > 0 and <= 1 ? CountOrFraction.Fraction(fraction) : throw Bad(name, value, "a fraction must be in (0, 1]");
        throw Bad(name, value, name == "max_samples" ? "must be auto, an integer count or a fraction in (0, 1]" : "must be an integer count or a fraction in (0, 1]");
    }

    private static double ParseContamination(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c is > 0 and <= 0.5
            ? c : throw Bad("contamination", value, "must be auto or a number in (0, 0.5]");

    private static int? ParseSeed(string value)
    {
        if (value == "None") return null;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) && seed >= 0
            ? seed : throw Bad("random_state", value, "must be a non-negative integer or None");
    }

    private static ArgumentException Bad(string name, string value, string problem) => new AnomalyParameterException(name, $"'{value}' {problem}");
}
