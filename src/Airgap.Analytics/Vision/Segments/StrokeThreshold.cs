namespace Airgap.Analytics.Vision.Segments;

/// <summary>
/// Where lit strokes begin in a contrast map. Otsu over the positive contrast splits background from strokes; the
/// floor at a fraction of the brightest strokes keeps unlit "ghost" segments (faint, same shape) out even when
/// they outnumber the lit ones.
/// </summary>
internal static class StrokeThreshold
{
    private const int Bins = 128;

    /// <summary>Share of the strongest strokes' contrast below which a stroke counts as a ghost.</summary>
    public const float GhostShare = 0.42f;

    /// <summary>The threshold, or null when nothing stands out by <paramref name="minContrast"/> (luminance levels).</summary>
    public static float? Of(float[] contrast, float minContrast)
    {
        var max = 0f;
        foreach (var c in contrast) if (c > max) max = c;
        if (max < minContrast) return null;
        var histogram = new int[Bins];
        var positive = 0;
        foreach (var c in contrast)
        {
            if (c <= 0) continue;
            histogram[Math.Min(Bins - 1, (int)(c / max * Bins))]++;
            positive++;
        }
        var strong = Percentile(histogram, contrast.Length - positive, contrast.Length, 0.985) * max / Bins;
        if (strong < minContrast) return null;
        var otsu = Otsu(histogram) * max / Bins;
        return Math.Max(Math.Max(otsu, GhostShare * strong), minContrast * 0.5f);
    }

    private static float Percentile(int[] histogram, int below, int total, double share)
    {
        var target = share * total;
        double seen = below;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= target) return i + 0.5f;
        }
        return histogram.Length;
    }

    private static float Otsu(int[] histogram)
    {
        double total = 0, sum = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            total += histogram[i];
            sum += i * (double)histogram[i];
        }
        double weightBelow = 0, sumBelow = 0, best = -1;
        var threshold = 0f;
        for (var i = 0; i < histogram.Length - 1; i++)
        {
            weightBelow += histogram[i];
            sumBelow += i * (double)histogram[i];
            var weightAbove = total - weightBelow;
            if (weightBelow == 0 || weightAbove == 0) continue;
            var meanBelow = sumBelow / weightBelow;
            var meanAbove = (sum - sumBelow) / weightAbove;
            var between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best)
            {
                best = between;
                threshold = i + 1;
            }
        }
        return threshold;
    }
}
