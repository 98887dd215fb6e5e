using System.Globalization;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Settings of the PCA detector: the share of the training variance the model keeps (the rest is the residual
/// space Q watches), the confidence of both control limits, and a margin over them.
/// </summary>
/// <param name="ExplainedVariance">Components kept: the fewest whose eigenvalues explain this share (0–1].</param>
/// <param name="Confidence">Control limits at this confidence (T²: F-distribution; Q: Jackson–Mudholkar).</param>
/// <param name="LimitFactor">A reading is anomalous when T² or Q exceeds this many times its limit.</param>
public sealed record PcaT2QParameters(double ExplainedVariance = 0.95, double Confidence = 0.99, double LimitFactor = 1.0)
{
    /// <summary>Reads explained_variance, confidence and limit_factor; unknown names and bad values name the parameter.</summary>
    public static PcaT2QParameters FromStrings(IReadOnlyDictionary<string, string> values)
    {
        var p = new PcaT2QParameters();
        foreach (var (name, text) in values)
        {
            var value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v : throw new AnomalyParameterException(name, $"'{text}' is not a number");
            p = name switch
            {
                "explained_variance" when value is > 0 and <= 1 => p with { ExplainedVariance = value },
                "confidence" when value is > 0.5 and < 1 => p with { Confidence = value },
                "limit_factor" when value > 0 => p with { LimitFactor = value },
                "explained_variance" => throw new AnomalyParameterException("explained_variance", "must be in (0, 1]"),
                "confidence" => throw new AnomalyParameterException("confidence", "must be in (0.5, 1)"),
                "limit_factor" => throw new AnomalyParameterException("limit_factor", "must be above 0"),
                _ => throw new AnomalyParameterException(name, "pca-t2q has no such parameter (explained_variance, confidence, limit_factor)"),
            };
        }
        return p;
    }
}
