namespace Airgap.Analytics.Tests.Anomaly;

/// <summary>Seeded synthetic equipment readings: three correlated features (flow drives pressure and current) plus noise.</summary>
internal static class Telemetry
{
    public static double[][] Healthy(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var flow = 32 + Gaussian(random) * 0.5;
            return new[] { flow, 0.1 * flow + Gaussian(random) * 0.02, 0.03 * flow + Gaussian(random) * 0.01, 70 + Gaussian(random) };
        }).ToArray();
    }

    /// <summary>A reading whose pressure no longer follows its flow: a leak.</summary>
    public static double[] Leak() => [32, 2.2, 0.96, 70];

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>SKAB-shaped CSV text (`;`, datetime first, anomaly and changepoint last) with rows [from, to) shifted and labelled.</summary>
    public static string SkabCsv(int rows, int from, int to, int seed)
    {
        var healthy = Healthy(rows, seed);
        var lines = new List<string> { "datetime;Flow;Pressure;Current;Temperature;anomaly;changepoint" };
        for (var i = 0; i < rows; i++)
        {
            var r = healthy[i];
            var anomalous = i >= from && i < to;
            if (anomalous) r[1] += 1.0;
            lines.Add(FormattableString.Invariant($"2020-03-09 10:{i / 60 % 60:00}:{i % 60:00};{r[0]};{r[1]};{r[2]};{r[3]};{(anomalous ? 1.0 : 0.0)};0.0"));
        }
        return string.Join('\n', lines) + "\n";
    }
}
