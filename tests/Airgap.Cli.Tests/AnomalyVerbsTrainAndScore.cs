using System.Globalization;
using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class AnomalyVerbsTrainAndScore : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    // Flow drives pressure and current; from row `shiftFrom` on pressure no longer follows it.
    private string Csv(string name, int rows, int shiftFrom, int seed, char separator = ',')
    {
        var random = new Random(seed);
        var lines = new List<string> { string.Join(separator, "time", "flow", "pressure", "current", "note") };
        for (var i = 0; i < rows; i++)
        {
            var flow = 30 + random.NextDouble() * 4;
            var pressure = 0.1 * flow + random.NextDouble() * 0.02 + (i >= shiftFrom ? 0.5 : 0);
            var current = 0.03 * flow + random.NextDouble() * 0.006;
            lines.Add(string.Join(separator, $"t{i}", flow.ToString(CultureInfo.InvariantCulture), pressure.ToString(CultureInfo.InvariantCulture),
                current.ToString(CultureInfo.InvariantCulture), "ok"));
        }
        var path = Path.Combine(_airgap.Root, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Train_registers_versions_score_flags_the_shift_and_rollback_brings_back_the_old_one()
    {
        var healthy = Csv("healthy.csv", 500, int.MaxValue, 1, ';');
        var live = Csv("live.csv", 300, 200, 2);

        Assert.Contains("pump-3:latest@1.0.0 trained on 400 rows of 3 features (flow, pressure, current)",
            await _airgap.OkAsync("anomaly", "train", "pump-3", healthy, "--rows", "400"));
        Assert.Contains("pump-3:latest@1.0.1 trained on 500 rows",
            await _airgap.OkAsync("anomaly", "train", "pump-3", healthy, "--param", "decision_window=10"));

        var csv = (await _airgap.OkAsync("anomaly", "score", "pump-3", live, "--skip", "100")).Trim().Split('\n');
        Assert.Equal("row,score,threshold,is_anomaly", csv[0]);
        Assert.Equal(201, csv.Length);
        Assert.Equal("101", csv[1].Split(',')[0]);
        var flags = csv.Skip(1).Select(l => l.Split(',')[3]).ToArray();
        Assert.True(flags[..100].Count(f => f == "1") <= 5, "healthy rows flagged: " + flags[..100].Count(f => f == "1"));
        Assert.True(flags[^80..].All(f => f == "1"), "the shifted rows after the decision window are all anomalies");

        var first = (await _airgap.OkAsync("anomaly", "score", "pump-3", live, "--json")).Trim().Split('\n')[^1];
        using var row = JsonDocument.Parse(first);
        Assert.Equal(300, row.RootElement.GetProperty("row").GetInt32());
        Assert.Equal("pump-3:latest@1.0.1", row.RootElement.GetProperty("model").GetString());
        var contributions = row.RootElement.GetProperty("contributions");
        Assert.True(contributions.GetProperty("pressure").GetDouble() > 0.5, contributions.GetRawText());

        using var list = JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json"));
        var detectors = list.RootElement.EnumerateArray().Where(m => m.GetProperty("format").GetString() == "anomaly").ToList();
        Assert.Equal(2, detectors.Count);
        await _airgap.OkAsync("models", "rollback", "pump-3");
        var again = (await _airgap.OkAsync("anomaly", "score", "pump-3", live, "--json")).Trim().Split('\n')[^1];
        Assert.Contains("\"model\":\"pump-3:latest@1.0.0\"", again);

        // A removed version's number is not reused: the next training is 1.0.2.
        await _airgap.OkAsync("models", "remove", "pump-3@1.0.1");
        Assert.Contains("pump-3:latest@1.0.2 trained", await _airgap.OkAsync("anomaly", "train", "pump-3", healthy));
    }

    [Fact]
    public async Task A_detector_crosses_the_air_gap_as_a_signed_pack_and_scores_the_same_on_the_other_side()
    {
        var healthy = Csv("healthy.csv", 300, int.MaxValue, 1);
        var live = Csv("live.csv", 100, 50, 2);
        await _airgap.OkAsync("anomaly", "train", "pump-3", healthy);
        var key = Path.Combine(_airgap.Root, "site");
        await _airgap.OkAsync("keys", "create", "--out", key);
        var pack = Path.Combine(_airgap.Root, "pack");
        await _airgap.OkAsync("export", "pump-3", "--key", key + ".key", "--out", pack);
        var here = await _airgap.OkAsync("anomaly", "score", "pump-3", live);

        var other = Path.Combine(_airgap.Root, "other-site");
        await _airgap.OkAsync("--home", other, "keys", "trust", key + ".pub");
        Assert.Contains("anomaly detector pca-t2q, 3 features", await _airgap.OkAsync("--home", other, "import", pack));

        Assert.Equal(here, await _airgap.OkAsync("--home", other, "anomaly", "score", "pump-3", live));
    }

    [Fact]
    public async Task Bad_input_is_one_line_naming_the_row_and_column_and_registers_nothing()
    {
        var healthy = Csv("healthy.csv", 50, int.MaxValue, 1);
        var broken = Path.Combine(_airgap.Root, "broken.csv");
        File.WriteAllLines(broken, ["flow,pressure", "30,3", "31,high"]);
        async Task<string> Refused(params string[] args)
        {
            var (code, output, error) = await _airgap.RunAsync(args);
            Assert.True(code == 1, $"exit {code}: {output}{error}");
            Assert.DoesNotContain('\n', error.Trim());
            return error.Trim();
        }

        Assert.Equal($"error: {broken}: data row 2, column 'pressure': 'high' is not a number", await Refused("anomaly", "train", "p", broken, "--features", "flow,pressure"));
        Assert.StartsWith($"error: {healthy}: has no column 'speed'", await Refused("anomaly", "train", "p", healthy, "--features", "speed"));
        Assert.Equal("error: parameter n_estimators: pca-t2q has no such parameter (explained_variance, confidence, limit_factor)",
            await Refused("anomaly", "train", "p", healthy, "--param", "n_estimators=10"));
        Assert.StartsWith("error: algorithm 'magic' is not one of", await Refused("anomaly", "train", "p", healthy, "--algorithm", "magic"));
        Assert.Contains("not found", await Refused("anomaly", "score", "p", healthy));
        using var list = JsonDocument.Parse(await _airgap.OkAsync("models", "list", "--json"));
        Assert.DoesNotContain(list.RootElement.EnumerateArray(), m => m.GetProperty("format").GetString() == "anomaly");
    }
}
