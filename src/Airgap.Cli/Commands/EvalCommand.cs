using System.CommandLine;
using Airgap.Analytics.Anomaly;
using Airgap.Analytics.Logs;
using Airgap.Cli.Output;

namespace Airgap.Cli.Commands;

/// <summary>`airgap eval loghub DIR [--json]`: the template miner's grouping accuracy on a Loghub benchmark folder.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure the analytics on public benchmark data");
        command.Subcommands.Add(Loghub());
        command.Subcommands.Add(Skab());
        return command;
    }

    private static Command Skab()
    {
        var directory = new Argument<string>("dir") { Description = "Folder of SKAB experiment CSV files (searched recursively; anomaly-free excluded)" };
        var algorithm = new Option<string>("--algorithm") { Description = $"Detector (default {AnomalyAlgorithms.Default}; see airgap anomaly algorithms)", DefaultValueFactory = _ => AnomalyAlgorithms.Default };
        var parameters = new Option<string[]>("--param") { Description = "KEY=VALUE, repeatable: the algorithm's parameters", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("skab", "The SKAB outlier protocol: fit on each file's first 400 rows, predict the rest; per-file table and summed F1, FAR, MAR")
            { directory, algorithm, parameters, json };
        command.SetAction(parse => CliOutput.Guard(() =>
        {
            var dir = parse.GetValue(directory)!;
            var name = parse.GetValue(algorithm)!;
            var settings = AnomalyParameters.Parse(parse.GetValue(parameters) ?? []);
            var effective = AnomalyAlgorithms.Effective(name, settings);
            var results = SkabEvaluation.Files(dir).Select(f => SkabEvaluation.Evaluate(f, Path.GetRelativePath(dir, f),
                rows => AnomalyAlgorithms.Fit(name, rows, settings))).ToList();
            int tp = results.Sum(r => r.TruePositives), fp = results.Sum(r => r.FalsePositives), fn = results.Sum(r => r.FalseNegatives), tn = results.Sum(r => r.TrueNegatives);
            var (f1, far, mar) = (SkabEvaluation.Metrics.F1(tp, fp, fn), SkabEvaluation.Metrics.Far(fp, tn), SkabEvaluation.Metrics.Mar(fn, tp));
            if (parse.GetValue(json))
                CliOutput.WriteJson(new
                {
                    algorithm = name, parameters = effective,
                    files = results.Select(r => new { file = r.File, rows = r.Rows, tp = r.TruePositives, fp = r.FalsePositives, fn = r.FalseNegatives, tn = r.TrueNegatives, f1 = Math.Round(r.F1, 4) }),
                    total = new { tp, fp, fn, tn, f1 = Math.Round(f1, 4), far = Math.Round(far, 4), mar = Math.Round(mar, 4) },
                });
            else
            {
                CliOutput.Table(["FILE", "ROWS", "TP", "FP", "FN", "TN", "F1"], results.Select(r => (IReadOnlyList<string>)
                    [r.File, r.Rows.ToString(), r.TruePositives.ToString(), r.FalsePositives.ToString(), r.FalseNegatives.ToString(), r.TrueNegatives.ToString(), r.F1.ToString("0.000")]));
                CliOutput.Line($"{results.Count} files, {name} {string.Join(' ', effective.Select(kv => $"{kv.Key}={kv.Value}"))}: " +
                               $"F1 {f1:0.000}, FAR {far * 100:0.00}%, MAR {mar * 100:0.00}%");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Loghub()
    {
        var directory = new Argument<string>("dir") { Description = "Folder with formats.json and one folder per system (SYSTEM/SYSTEM_2k.log, …_structured.csv)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("loghub", "Grouping accuracy of the template miner per system and the mean, one configuration for all") { directory, json };
        command.SetAction(parse => CliOutput.Guard(() =>
        {
            var dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new ArgumentException($"{dir}: no such directory");
            var results = LoghubEvaluation.Run(dir);
            var mean = results.Average(r => r.GroupingAccuracy);
            if (parse.GetValue(json))
                CliOutput.WriteJson(new { systems = results, mean_grouping_accuracy = Math.Round(mean, 4) });
            else
            {
                CliOutput.Table(["SYSTEM", "LINES", "TRUE TEMPLATES", "FOUND", "GROUPING ACCURACY"],
                    results.Select(r => (IReadOnlyList<string>)
                        [r.System, r.Lines.ToString(), r.TrueTemplates.ToString(), r.FoundTemplates.ToString(), r.GroupingAccuracy.ToString("0.0000")]));
                CliOutput.Line($"mean grouping accuracy {mean:0.0000} over {results.Count} systems");
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
