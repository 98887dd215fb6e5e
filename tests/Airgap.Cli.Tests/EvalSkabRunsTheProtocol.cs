using System.Globalization;
using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class EvalSkabRunsTheProtocol : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private static string Experiment(int seed)
    {
        var random = new Random(seed);
        var lines = new List<string> { "datetime;Flow;Pressure;anomaly;changepoint" };
        for (var i = 0; i < 600; i++)
        {
            var flow = 32 + random.NextDouble();
            var anomalous = i is >= 480 and < 560;
            var pressure = 0.1 * flow + random.NextDouble() * 0.05 + (anomalous ? 1 : 0);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"2020-03-09 10:00:{i % 60:00};{flow};{pressure};{(anomalous ? 1 : 0)};0"));
        }
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task Every_experiment_is_scored_with_one_configuration_and_summed()
    {
        var dir = Path.Combine(_airgap.Root, "skab");
        Directory.CreateDirectory(Path.Combine(dir, "valve1"));
        Directory.CreateDirectory(Path.Combine(dir, "anomaly-free"));
        File.WriteAllText(Path.Combine(dir, "valve1", "0.csv"), Experiment(1));
        File.WriteAllText(Path.Combine(dir, "valve1", "1.csv"), Experiment(2));
        File.WriteAllText(Path.Combine(dir, "anomaly-free", "anomaly-free.csv"), "not;even;telemetry\n");

        using var result = JsonDocument.Parse(await _airgap.OkAsync("eval", "skab", dir, "--json"));

        var files = result.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["valve1/0.csv", "valve1/1.csv"], files.Select(f => f.GetProperty("file").GetString()!.Replace('\\', '/')));
        Assert.All(files, f => Assert.Equal(200, f.GetProperty("rows").GetInt32()));
        var total = result.RootElement.GetProperty("total");
        Assert.Equal(400, total.GetProperty("tp").GetInt32() + total.GetProperty("fp").GetInt32() + total.GetProperty("fn").GetInt32() + total.GetProperty("tn").GetInt32());
        Assert.True(total.GetProperty("tp").GetInt32() > 10 * total.GetProperty("fn").GetInt32(), total.GetRawText());
        Assert.Equal("60", result.RootElement.GetProperty("parameters").GetProperty("decision_window").GetString());

        var (code, _, error) = await _airgap.RunAsync("eval", "skab", dir, "--param", "limit_factor=-1");
        Assert.Equal((1, "error: parameter limit_factor: must be above 0"), (code, error.Trim()));
    }
}
