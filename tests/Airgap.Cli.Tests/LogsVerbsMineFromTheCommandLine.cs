using System.Text.Json;
using Airgap.Analytics.Logs;

namespace Airgap.Cli.Tests;

public sealed class LogsVerbsMineFromTheCommandLine : IDisposable
{
    private const string Format = "<Date> <Time> <Level> <Component>: <Content>";
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_airgap.Root, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static IEnumerable<string> SshLog(int from, int count)
    {
        string[] users = ["admin", "oracle", "guest", "test", "pi", "ubuntu"];
        for (var i = from; i < from + count; i++)
            yield return i % 3 == 0
                ? $"2026-11-30 08:{i % 60:00}:00 WARN sshd: Invalid user {users[i / 3 % users.Length]} from 10.0.0.{i % 250}"
                : $"2026-11-30 08:{i % 60:00}:01 INFO pump: Pressure \"high\", reading {i}.5 bar";
    }

    [Fact]
    public async Task Parse_writes_every_line_in_loghubs_shape_with_the_final_templates()
    {
        var log = Write("app.log", SshLog(0, 30));

        var csv = await _airgap.OkAsync("logs", "parse", log, "--format", Format);

        var rows = LoghubCsv.ReadRows(new StringReader(csv)).ToArray();
        Assert.Equal(["LineId", "EventId", "EventTemplate", "Date", "Time", "Level", "Component", "Content"], rows[0]);
        Assert.Equal(31, rows.Length);
        Assert.Equal(Enumerable.Range(1, 30).Select(n => n.ToString()), rows.Skip(1).Select(r => r[0]));
        // The first user's line was mined before the user became a variable: it still carries the final template.
        Assert.Equal(["Invalid user <*> from <*>"], rows.Skip(1).Where(r => r[6] == "sshd").Select(r => r[2]).Distinct());
        Assert.Single(rows.Skip(1).Where(r => r[6] == "sshd").Select(r => r[1]).Distinct());
        var pump = rows[2];
        Assert.Equal(("2026-11-30", "INFO", "Pressure \"high\", reading 1.5 bar"), (pump[3], pump[5], pump[7]));
        Assert.Equal("Pressure \"high\", reading <*> bar", pump[2]);
        Assert.Contains("\"Pressure \"\"high\"\", reading 1.5 bar\"", csv);
    }

    [Fact]
    public async Task Templates_resume_in_a_named_store_and_line_numbers_go_on()
    {
        var first = Write("day1.log", SshLog(0, 30));
        var second = Write("day2.log", SshLog(30, 30));

        await _airgap.OkAsync("logs", "templates", first, "--format", Format, "--store", "plant-1");
        using var resumed = JsonDocument.Parse(await _airgap.OkAsync("logs", "templates", second, "--format", Format, "--store", "plant-1", "--json"));
        using var fresh = JsonDocument.Parse(await _airgap.OkAsync("logs", "templates", second, "--format", Format, "--json"));

        Assert.Equal(60, resumed.RootElement.GetProperty("lines").GetInt32());
        var templates = resumed.RootElement.GetProperty("templates").EnumerateArray().ToArray();
        Assert.Equal(60, templates.Sum(t => t.GetProperty("count").GetInt32()));
        var pressure = templates.Single(t => t.GetProperty("template").GetString()!.StartsWith("Pressure"));
        Assert.Equal((40, 2, 60), (pressure.GetProperty("count").GetInt32(), pressure.GetProperty("first_seen").GetInt32(), pressure.GetProperty("last_seen").GetInt32()));
        Assert.Equal("E1", templates.Single(t => t.GetProperty("template").GetString()!.StartsWith("Invalid")).GetProperty("id").GetString());
        Assert.Equal(30, fresh.RootElement.GetProperty("lines").GetInt32());
        Assert.True(File.Exists(Path.Combine(_airgap.Home, "analytics", "plant-1.templates.db")));
    }

    [Fact]
    public async Task Eval_loghub_scores_each_system_and_the_mean()
    {
        var dir = Path.Combine(_airgap.Root, "bench");
        Directory.CreateDirectory(Path.Combine(dir, "Pump"));
        File.WriteAllText(Path.Combine(dir, "formats.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Pump"] = new Dictionary<string, string> { ["log_format"] = Format },
            ["Absent"] = new Dictionary<string, string> { ["log_format"] = Format },
        }));
        var lines = SshLog(0, 30).ToArray();
        File.WriteAllLines(Path.Combine(dir, "Pump", "Pump_2k.log"), lines);
        File.WriteAllLines(Path.Combine(dir, "Pump", "Pump_2k.log_structured.csv"),
            ["LineId,EventId"], System.Text.Encoding.UTF8);
        File.AppendAllLines(Path.Combine(dir, "Pump", "Pump_2k.log_structured.csv"),
            lines.Select((l, i) => $"{i + 1},{(l.Contains("sshd") ? "E1" : "E2")}"));

        using var result = JsonDocument.Parse(await _airgap.OkAsync("eval", "loghub", dir, "--json"));

        var system = Assert.Single(result.RootElement.GetProperty("systems").EnumerateArray());
        Assert.Equal(("Pump", 30, 2, 1.0), (system.GetProperty("system").GetString(), system.GetProperty("lines").GetInt32(),
            system.GetProperty("found_templates").GetInt32(), system.GetProperty("grouping_accuracy").GetDouble()));
        Assert.Equal(1.0, result.RootElement.GetProperty("mean_grouping_accuracy").GetDouble());
        Assert.Contains("mean grouping accuracy 1.0000 over 1 systems", await _airgap.OkAsync("eval", "loghub", dir));
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_exit_1()
    {
        var log = Write("app.log", SshLog(0, 3));
        async Task<string> Refused(params string[] args)
        {
            var (code, output, error) = await _airgap.RunAsync(args);
            Assert.True(code == 1, $"exit {code}: {output}{error}");
            Assert.DoesNotContain('\n', error.Trim());
            return error.Trim();
        }

        Assert.Contains("has no <Content> field", await Refused("logs", "parse", log, "--format", "<Date> <Time>"));
        Assert.Contains("missing.log", await Refused("logs", "templates", Path.Combine(_airgap.Root, "missing.log")));
        Assert.Contains("is a directory", await Refused("logs", "parse", _airgap.Root));
        Assert.Contains("no formats.json", await Refused("eval", "loghub", _airgap.Root));
        Assert.Contains("'../x'", await Refused("logs", "templates", log, "--store", "../x"));
    }
}
