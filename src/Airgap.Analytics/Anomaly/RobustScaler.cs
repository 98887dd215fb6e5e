namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Centres each feature on its median and scales it by its interquartile range (as a standard deviation: IQR / 1.349),
/// so a few wild readings in the training window do not set the scale. A feature with no spread between its quartiles
/// gets its standard deviation; one that did not vary at all gets 1% of its magnitude, so any change of it later
/// stands out (and nothing divides by zero).
/// </summary>
public sealed class RobustScaler
{
    public RobustScaler(double[] centre, double[] scale)
    {
        if (centre.Length != scale.Length) throw new ArgumentException("one centre and one scale per feature");
        Centre = centre;
        Scale = scale;
    }

    public double[] Centre { get; }
    public double[] Scale { get; }

    public static RobustScaler Fit(IReadOnlyList<double[]> rows)
    {
        var features = rows[0].Length;
        var centre = new double[features];
        var scale = new double[features];
        for (var f = 0; f < features; f++)
        {
            var column = rows.Select(r => r[f]).Order().ToArray();
            centre[f] = Quantile(column, 0.5);
            var iqr = (Quantile(column, 0.75) - Quantile(column, 0.25)) / 1.349;
            var mean = column.Average();
            var std = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, column.Length - 1));
            scale[f] = iqr > 1e-12 ? iqr : std > 1e-12 ? std : Math.Max(Math.Abs(centre[f]) * 0.01, 1e-9);
        }
        return new RobustScaler(centre, scale);
    }

    public void Transform(ReadOnlySpan<double> reading, Span<double> scaled)
    {
        for (var f = 0; f < Centre.Length; f++) scaled[f] = (reading[f] - Centre[f]) / Scale[f];
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values, interpolated linearly (numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
