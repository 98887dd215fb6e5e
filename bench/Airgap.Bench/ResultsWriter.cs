using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Bench;

/// <summary>
/// Writes a run to bench/results/&lt;date&gt;-&lt;commit&gt;.json and its tables into docs/performance.md between the
/// bench markers, so the published figures are always the output of a command, never typed by hand.
/// </summary>
public static class ResultsWriter
{
    public const string Start = "<!-- bench:latest:start -->", End = "<!-- bench:latest:end -->";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A figure that could not be measured (a cache miss) is NaN, and stays visible as such.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes both files and returns their paths.</summary>
    public static (string Json, string Markdown) Write(string root, RunRecord record)
    {
        var jsonPath = WriteJson(root, record, record.FileName);

        var docPath = Path.Combine(root, "docs", "performance.md");
        var doc = File.Exists(docPath) ? File.ReadAllText(docPath) : "# Performance\n";
        var section = $"{Start}\n{Markdown(record, Path.GetRelativePath(root, jsonPath))}{End}";
        var (from, to) = (doc.IndexOf(Start, StringComparison.Ordinal), doc.IndexOf(End, StringComparison.Ordinal));
        doc = from >= 0 && to > from ? doc[..from] + section + doc[(to + End.Length)..] : doc.TrimEnd() + "\n\n## Latest run\n\n" + section + "\n";
        File.WriteAllText(docPath, doc);
        return (jsonPath, docPath);
    }

    /// <summary>Writes only bench/results/<paramref name="fileName"/> and returns its path.</summary>
    public static string WriteJson(string root, RunRecord record, string fileName)
    {
        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var jsonPath = Path.Combine(results, fileName);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(record, Json) + "\n");
        return jsonPath;
    }

    public static string Markdown(RunRecord record, string jsonPath)
    {
        var text = new StringBuilder();
        var m = record.Machine;
        var dirty = record.Dirty ? " (with uncommitted changes)" : "";
        text.AppendLine(Invariant($"Measured {record.Date.UtcDateTime:yyyy-MM-dd HH:mm} UTC on commit `{record.ShortCommit}`{dirty}, with:"));
        text.AppendLine().AppendLine("```sh").AppendLine(record.Command).AppendLine("```").AppendLine();
        text.AppendLine(Invariant($"- machine: {m.Cores} cores, {m.CpuModel}, {m.RamGiB:0.0} GiB RAM, {m.Os}, {m.Runtime}"));
        var model = Path.GetFileName(record.Model);
        text.AppendLine(Invariant(
            $"- model: `{model}` ({record.ModelBytes / (1024.0 * 1024):0} MiB), {record.Threads} threads, {record.Rounds} rounds, {record.Tokens} tokens per stream"));
        if (record.LlamaCpp is { } llama)
            text.AppendLine($"- llama.cpp: {llama.Build ?? "build unknown"} (node-llama-cpp@3.22.1's source, bench/llama-cpp/build.sh)");
        text.AppendLine($"- every figure and ratio: [`{jsonPath}`](../{jsonPath.Replace('\\', '/')})").AppendLine();

        text.AppendLine("| ratio | value | target |").AppendLine("|---|---:|---|");
        foreach (var ratio in record.Ratios)
            text.AppendLine(Invariant($"| {ratio.Name} | {ratio.Value:0.00} | {ratio.Target ?? ""} |"));
        text.AppendLine().AppendLine("| figure (median over rounds) | median | min | max |").AppendLine("|---|---:|---:|---:|");
        foreach (var figure in record.Figures)
            text.AppendLine(Invariant($"| {figure.Name} | {figure.Median:0.0} | {figure.Min:0.0} | {figure.Max:0.0} |"));
        if (record.LlamaCpp is { Commands.Count: > 0 } tools)
        {
            text.AppendLine().AppendLine("llama.cpp commands (model path and port as run):").AppendLine();
            foreach (var command in tools.Commands) text.AppendLine($"- `{command}`");
        }
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
