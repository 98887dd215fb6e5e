using Airgap.Analytics.Anomaly;

namespace Airgap.Analytics.Tests.Anomaly;

public sealed class TelemetryCsvAndSkabProtocol : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-skab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_separator_is_detected_and_a_bad_value_is_named_by_row_and_column()
    {
        var semicolons = TelemetryTable.Read(new StringReader("time;a;b\nt1;1.5;2\nt2;3;4\n"), "s.csv");
        Assert.Equal(';', semicolons.Separator);
        Assert.Equal(["a", "b"], semicolons.NumericColumns([]));
        Assert.Equal([[1.5, 2], [3, 4]], semicolons.Features(["a", "b"], "s.csv"));

        var commas = TelemetryTable.Read(new StringReader("a,b\n1,2\n3,oops\n"), "c.csv");
        Assert.Equal(',', commas.Separator);
        Assert.Equal(["a"], commas.NumericColumns([]));
        Assert.Equal("c.csv: data row 2, column 'b': 'oops' is not a number",
            Assert.ThrowsAny<ArgumentException>(() => commas.Features(["a", "b"], "c.csv")).Message);
        Assert.StartsWith("c.csv: has no column 'c'", Assert.ThrowsAny<ArgumentException>(() => commas.Features(["c"], "c.csv")).Message);
        Assert.Equal("w.csv: line 3 has 3 columns, the header 2",
            Assert.ThrowsAny<ArgumentException>(() => TelemetryTable.Read(new StringReader("a,b\n1,2\n1,2,3\n"), "w.csv")).Message);
    }

    [Fact]
    public void The_protocol_fits_on_400_rows_counts_every_later_row_and_skips_anomaly_free()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "valve9"));
        Directory.CreateDirectory(Path.Combine(_dir, "anomaly-free"));
        File.WriteAllText(Path.Combine(_dir, "valve9", "0.csv"), Telemetry.SkabCsv(700, 500, 600, seed: 4));
        File.WriteAllText(Path.Combine(_dir, "anomaly-free", "anomaly-free.csv"), Telemetry.SkabCsv(500, 0, 0, seed: 5));

        var file = Assert.Single(SkabEvaluation.Files(_dir));
        var result = SkabEvaluation.Evaluate(file, "valve9/0.csv", rows => AnomalyAlgorithms.Fit("pca-t2q", rows,
            new Dictionary<string, string> { ["limit_factor"] = "1", ["decision_window"] = "5" }));

        Assert.Equal(300, result.Rows);
        Assert.Equal(300, result.TruePositives + result.FalsePositives + result.FalseNegatives + result.TrueNegatives);
        Assert.Equal(100, result.TruePositives + result.FalseNegatives);
        Assert.True(result.F1 > 0.9, $"F1 {result.F1}");
        Assert.Equal(0.5, SkabEvaluation.Metrics.F1(1, 1, 1));
        Assert.Equal(0.25, SkabEvaluation.Metrics.Far(1, 3));
    }
}
