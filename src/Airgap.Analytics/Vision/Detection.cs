namespace Airgap.Analytics.Vision;

/// <summary>One detected object: its class, confidence, and box in the original image's pixels (x0, y0, x1, y1).</summary>
public sealed record Detection(int ClassId, string Label, float Confidence, float X0, float Y0, float X1, float Y1)
{
    public float Area => Math.Max(0, X1 - X0) * Math.Max(0, Y1 - Y0);

    /// <summary>Intersection over union with <paramref name="other"/>.</summary>
    public float IoU(Detection other)
    {
        var w = Math.Min(X1, other.X1) - Math.Max(X0, other.X0);
        var h = Math.Min(Y1, other.Y1) - Math.Max(Y0, other.Y0);
        if (w <= 0 || h <= 0) return 0;
        var intersection = w * h;
        return intersection / (Area + other.Area - intersection);
    }
}
