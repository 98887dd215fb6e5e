using System.Text.Json;

namespace Airgap.Analytics.Logs;

/// <summary>
/// Grouping accuracy on a Loghub-style benchmark folder: DIR/formats.json gives each system's header format,
/// DIR/SYSTEM/SYSTEM_2k.log the raw lines and SYSTEM_2k.log_structured.csv the true EventId of each.
/// Every system is mined with the same miner settings; only the header format differs.
/// </summary>
public static class LoghubEvaluation
{
    /// <summary>One system's result.</summary>
    public sealed record SystemResult(string System, int Lines, int TrueTemplates, int FoundTemplates, double GroupingAccuracy);

    /// <summary>Evaluates every system named in DIR/formats.json that has its files in DIR.</summary>
    public static IReadOnlyList<SystemResult> Run(string directory)
    {
        var formatsPath = Path.Combine(directory, "formats.json");
        if (!File.Exists(formatsPath)) throw new FileNotFoundException($"no formats.json in {directory}", formatsPath);
        using var formats = ReadFormats(formatsPath);
        var results = new List<SystemResult>();
        foreach (var system in formats.RootElement.EnumerateObject())
        {
            var format = system.Value.ValueKind == JsonValueKind.Object && system.Value.TryGetProperty("log_format", out var f)
                         && f.ValueKind == JsonValueKind.String && f.GetString() is { } text
                ? LogFormat.Parse(text)
                : throw new ArgumentException($"formats.json: system '{system.Name}' has no log_format");
            var folder = Path.Combine(directory, system.Name);
            var raw = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.log").FirstOrDefault() : null;
            if (raw is null) continue;
            results.Add(Evaluate(system.Name, format, raw, raw + "_structured.csv"));
        }
        if (results.Count == 0) throw new ArgumentException($"{directory}: no system folder with a *.log file among those in formats.json");
        return results;
    }

    private static JsonDocument ReadFormats(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path}: is not JSON: {e.Message}");
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new ArgumentException($"{path}: must be an object of system → {{\"log_format\": …}}");
    }

    /// <summary>Mines <paramref name="rawLog"/> and scores it against the EventId column of <paramref name="structuredCsv"/>.</summary>
    public static SystemResult Evaluate(string system, LogFormat format, string rawLog, string structuredCsv)
    {
        var lines = File.ReadAllLines(rawLog).Where(l => l.Length > 0).ToArray();
        using var reader = new StreamReader(structuredCsv);
        var rows = LoghubCsv.ReadRows(reader).ToList();
        var eventColumn = Array.IndexOf(rows[0], "EventId");
        if (eventColumn < 0) throw new ArgumentException($"{structuredCsv} has no EventId column");
        var truth = rows.Skip(1).Where(r => r.Length > eventColumn).Select(r => r[eventColumn]).ToArray();
        if (truth.Length != lines.Length)
            throw new ArgumentException($"{system}: {lines.Length} log lines but {truth.Length} labelled rows");
        var miner = new TemplateMiner();
        var assigned = lines.Select(l => miner.Add(format.ParseLine(l).Content).Id).ToArray();
        // Lines keep the cluster they joined; merges made later fold them together, as a batch parser's output would.
        var predicted = assigned.Select(miner.Resolve).ToArray();
        return new SystemResult(system, lines.Length, truth.Distinct().Count(), predicted.Distinct().Count(),
            GroupingAccuracy.Compute(predicted, truth));
    }
}
