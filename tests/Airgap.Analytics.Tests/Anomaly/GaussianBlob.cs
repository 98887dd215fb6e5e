namespace Airgap.Analytics.Tests.Anomaly;

/// <summary>Seeded test data: readings from a standard normal blob, and far outliers around it.</summary>
internal static class GaussianBlob
{
    public static double[][] Inliers(int count, int features, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, features).Select(_ => Normal(random)).ToArray())];
    }

    /// <summary>Readings at distance 6 to 8 from the centre, in random directions.</summary>
    public static double[][] Outliers(int count, int features, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var direction = Enumerable.Range(0, features).Select(_ => Normal(random)).ToArray();
            var norm = Math.Sqrt(direction.Sum(x => x * x));
            var radius = 6 + 2 * random.NextDouble();
            return direction.Select(x => x / norm * radius).ToArray();
        })];
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
