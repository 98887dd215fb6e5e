namespace Airgap.Analytics.Vision;

/// <summary>A classifier's answer: the <c>k</c> most likely labels with their probabilities.</summary>
public static class TopK
{
    public sealed record Label(int ClassId, string Name, float Probability);

    /// <summary>Top <paramref name="k"/> of <paramref name="scores"/> (logits, softmaxed unless they already are probabilities).</summary>
    public static IReadOnlyList<Label> From(float[] scores, IReadOnlyList<string> labels, int k)
    {
        if (scores.Length == 0) throw new ArgumentException("the classifier returned no scores");
        if (labels.Count != 0 && labels.Count != scores.Length)
            throw new ArgumentException($"the model scores {scores.Length} classes; its labels name {labels.Count}");
        var probabilities = IsDistribution(scores) ? scores : Softmax(scores);
        return probabilities.Select((p, i) => new Label(i, labels.Count > 0 ? labels[i] : i.ToString(), p))
            .OrderByDescending(l => l.Probability).ThenBy(l => l.ClassId).Take(Math.Max(1, k)).ToList();
    }

    private static bool IsDistribution(float[] scores) => scores.All(s => s is >= 0 and <= 1) && Math.Abs(scores.Sum() - 1) < 1e-3;

    private static float[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => (float)(e / sum)).ToArray();
    }
}
