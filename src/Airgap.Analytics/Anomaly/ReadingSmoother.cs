namespace Airgap.Analytics.Anomaly;

/// <summary>
/// The mean of each feature over the last <c>window</c> readings of a stream (fewer at its start): noise in single
/// readings averages out, a sustained shift (a valve closing, a bearing wearing) stays. Causal: a reading's value
/// never depends on later ones, so streaming and batch scoring agree.
/// </summary>
public sealed class ReadingSmoother(int features, int window)
{
    private readonly Queue<double[]> _recent = new();
    private readonly double[] _sum = new double[features];

    public double[] Next(ReadOnlySpan<double> reading)
    {
        if (window <= 1) return reading.ToArray();
        var copy = reading.ToArray();
        _recent.Enqueue(copy);
        for (var f = 0; f < features; f++) _sum[f] += copy[f];
        if (_recent.Count > window)
        {
            var old = _recent.Dequeue();
            for (var f = 0; f < features; f++) _sum[f] -= old[f];
        }
        var mean = new double[features];
        for (var f = 0; f < features; f++) mean[f] = _sum[f] / _recent.Count;
        return mean;
    }

    /// <summary>Every row of a sequence smoothed, in order.</summary>
    public static double[][] Smooth(IReadOnlyList<double[]> rows, int window)
    {
        if (rows.Count == 0) return [];
        var smoother = new ReadingSmoother(rows[0].Length, window);
        return rows.Select(r => smoother.Next(r)).ToArray();
    }
}
