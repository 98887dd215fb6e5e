using System.CommandLine;
using System.Globalization;
using System.Text;
using Airgap.Analytics.Anomaly;
using Airgap.Cli.Output;

namespace Airgap.Cli.Commands;

/// <summary>`airgap anomaly train|score|algorithms`: detectors trained on CSV telemetry, kept in the registry.</summary>
public static class AnomalyCommand
{
    public static Command Create()
    {
        var command = new Command("anomaly", "Train anomaly detectors on telemetry (kept in the registry as models) and score readings");
        command.Subcommands.Add(Train());
        command.Subcommands.Add(Score());
        command.Subcommands.Add(Algorithms());
        return command;
    }

    private static Command Train()
    {
        var name = new Argument<string>("name") { Description = "Detector name (a model name: pump-3, line4:vibration)" };
        var file = new Argument<string>("file") { Description = "CSV of healthy readings, header first, separator , or ;" };
        var features = new Option<string?>("--features") { Description = "Columns to use, comma-separated (default: every numeric column)" };
        var algorithm = new Option<string?>("--algorithm") { Description = $"Detector (default {AnomalyAlgorithms.Default}; see airgap anomaly algorithms)" };
        var parameters = new Option<string[]>("--param") { Description = "KEY=VALUE, repeatable" };
        var rows = new Option<int?>("--rows") { Description = "Train on the first N data rows only" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("train", "Fit a detector on FILE and register it as NAME's next version, active") { name, file, features, algorithm, parameters, rows, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var path = parse.GetValue(file)!;
            var table = TelemetryTable.Read(path);
            var chosen = parse.GetValue(features) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : table.NumericColumns(SkabEvaluation.NonFeatures).ToArray();
            if (chosen.Length == 0) throw new ArgumentException($"{path}: no numeric column to train on; name them with --features");
            var take = parse.GetValue(rows) ?? int.MaxValue;
            if (take < 1) throw new ArgumentException("--rows must be at least 1");
            var data = table.Features(chosen, path, 0, take);
            var site = CliSite.Open(parse);
            var (version, detector) = await new DetectorRegistry(site.Home, site.Registry, site.Importer)
                .TrainAsync(parse.GetValue(name)!, chosen, data, parse.GetValue(algorithm), AnomalyParameters.Parse(parse.GetValue(parameters) ?? []), cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { version.Name, version.Version, version.Digest, Rows = data.Length, Features = chosen, detector.Algorithm, detector.Parameters, Active = true });
                return 0;
            }
            CliOutput.Line($"{version.Reference} trained on {data.Length} rows of {chosen.Length} features ({string.Join(", ", chosen)}), " +
                           $"{detector.Algorithm} {string.Join(' ', detector.Parameters.Select(kv => $"{kv.Key}={kv.Value}"))}; active");
            return 0;
        }));
        return command;
    }

    private static Command Score()
    {
        var name = new Argument<string>("name") { Description = "Detector NAME[@VERSION] (the active version by default)" };
        var file = new Argument<string>("file") { Description = "CSV of readings with the detector's feature columns" };
        var skip = new Option<int>("--skip") { Description = "Data rows to skip before scoring (they still fill the input window)" };
        var json = new Option<bool>("--json") { Description = "NDJSON, one object per row with contributions" };
        var command = new Command("score", "Score FILE's rows in order: CSV row,score,threshold,is_anomaly on stdout (NDJSON with --json)") { name, file, skip, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(() =>
        {
            var path = parse.GetValue(file)!;
            if (parse.GetValue(skip) < 0) throw new ArgumentException("--skip must be 0 or more");
            var site = CliSite.Open(parse);
            var (version, detector) = new DetectorRegistry(site.Home, site.Registry, site.Importer).Load(parse.GetValue(name)!);
            var rows = TelemetryTable.Read(path).Features(detector.Features, path);
            var first = Math.Min(parse.GetValue(skip), rows.Length);
            var sequence = detector.Model.Sequence(rows[..first]);
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            var asJson = parse.GetValue(json);
            if (!asJson) stdout.Write("row,score,threshold,is_anomaly\n");
            for (var i = first; i < rows.Length; i++)
            {
                var s = sequence.Next(rows[i]);
                if (asJson)
                {
                    var contributions = string.Join(",", detector.Features.Select((f, k) =>
                        $"{System.Text.Json.JsonSerializer.Serialize(f)}:{s.Contributions[k].ToString("R", CultureInfo.InvariantCulture)}"));
                    stdout.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"row\":{i + 1},\"score\":{s.Score:R},\"threshold\":{s.Threshold:R},\"is_anomaly\":{(s.IsAnomaly ? "true" : "false")},\"contributions\":{{{contributions}}},\"model\":\"{version.Reference}\"}}\n"));
                }
                else stdout.Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1},{s.Score:G6},{s.Threshold:G6},{(s.IsAnomaly ? 1 : 0)}\n"));
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Algorithms()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("algorithms", "The detectors and their parameters") { json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { Default = AnomalyAlgorithms.Default, Algorithms = AnomalyAlgorithms.All.Select(a => new { a.Name, a.Description, a.Parameters }) });
                return 0;
            }
            CliOutput.Table(["ALGORITHM", "WHAT IT DOES", "PARAMETERS (DEFAULT)"], AnomalyAlgorithms.All.Select(a => (IReadOnlyList<string>)[a.Name, a.Description, a.Parameters]));
            CliOutput.Line($"default: {AnomalyAlgorithms.Default}; every algorithm also takes input_window and decision_window");
            return 0;
        });
        return command;
    }
}
