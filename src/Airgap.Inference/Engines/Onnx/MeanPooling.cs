namespace Airgap.Inference.Engines.Onnx;

/// <summary>A sentence vector from token vectors: the mean over the tokens attention saw, scaled to length 1.</summary>
internal static class MeanPooling
{
    /// <summary>Pools row <paramref name="row"/> of a [rows, width, dimensions] tensor over its first <paramref name="length"/> tokens.</summary>
    public static float[] Pool(ReadOnlySpan<float> hidden, int row, int width, int dimensions, int length)
    {
        var vector = new float[dimensions];
        var sums = new double[dimensions];
        for (var token = 0; token < length; token++)
        {
            var tokenVector = hidden.Slice((row * width + token) * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++) sums[d] += tokenVector[d];
        }
        var norm = Math.Sqrt(sums.Sum(s => s * s));
        // The mean's 1/length cancels in the normalization; a zero vector stays zero rather than becoming NaN.
        var scale = norm > 0 ? 1 / norm : 0;
        for (var d = 0; d < dimensions; d++) vector[d] = (float)(sums[d] * scale);
        return vector;
    }
}
