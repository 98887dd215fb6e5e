namespace Airgap.Analytics;

/// <summary>Cosine similarity of embeddings, which need not come normalized from every model.</summary>
internal static class Similarity
{
    /// <summary>The cosine of the angle between <paramref name="a"/> and <paramref name="b"/>; 0 when either is zero or they differ in length.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
