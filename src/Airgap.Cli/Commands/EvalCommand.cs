using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Airgap.Analytics.Anomaly;
using Airgap.Analytics.Logs;
using Airgap.Analytics.Vision;
using Airgap.Analytics.Vision.Reading;
using Airgap.Cli.Output;

namespace Airgap.Cli.Commands;

/// <summary>`airgap eval loghub|skab|displays DIR`: the analytics measured on benchmark folders (Loghub, SKAB, equipment displays).</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure the analytics on public benchmark data");
        command.Subcommands.Add(Loghub());
        command.Subcommands.Add(Skab());
        command.Subcommands.Add(Displays());
        return command;
    }

    private static Command Displays()
    {
        var directory = new Argument<string>("dir") { Description = "Folder of display images with truth JSON beside them (index.json, or every *.json naming an \"image\")" };
        var json = new Option<bool>("--json") { Description = "Print JSON: per kind, overall, and per image with what was missed" };
        var output = new Option<string?>("--out") { Description = "Also write <image base name>.json per image into this folder, as vision read --out does (for score.py)" };
        var threads = new Option<int>("--threads") { Description = "Threads for ONNX Runtime (default: its own choice)" };
        var command = new Command("displays", "The display reader on a truth set: value precision / recall / F1 and warning recall / precision per kind, by the rules of the set's score.py")
            { directory, json, output, threads };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(() =>
        {
            var set = DisplayTruthSet.Load(parse.GetValue(directory)!);
            var outDir = parse.GetValue(output);
            if (outDir is not null) Directory.CreateDirectory(outDir);
            using var reader = DisplayReader.OpenBuiltIn(parse.GetValue(threads));
            var milliseconds = new Dictionary<string, double>(StringComparer.Ordinal);
            var score = DisplayScoring.Score(set, path =>
            {
                var clock = Stopwatch.StartNew();
                DisplayReading reading;
                try
                {
                    using var image = ImageTensor.Decode(ImageFile.Read(path));
                    reading = reader.Read(image, null, cancellationToken);
                }
                catch (Exception e) when (ImageFile.IsImageFailure(e))
                {
                    Console.Error.WriteLine($"{path}: {ImageFile.Problem(e)}");
                    return null;
                }
                milliseconds[path] = clock.Elapsed.TotalMilliseconds;
                if (outDir is not null)
                    File.WriteAllText(Path.Combine(outDir, Path.GetFileNameWithoutExtension(path) + ".json"), JsonSerializer.Serialize(reading, DisplayReadingJson.Indented));
                return DisplayPrediction.From(reading);
            });
            (double Mean, double Max) Timing(IEnumerable<ImageScore> images)
            {
                var ms = images.Select(i => milliseconds.GetValueOrDefault(Path.Combine(set.Directory, i.Image), -1)).Where(t => t >= 0).ToList();
                return ms.Count == 0 ? (0, 0) : (ms.Average(), ms.Max());
            }
            object Figures(KindScore k, IEnumerable<ImageScore> images)
            {
                var (mean, max) = Timing(images);
                return new { k.Kind, k.Images, k.Missing, k.TruthValues, k.PredictedValues, k.MatchedValues, k.Precision, k.Recall, k.F1, k.TruthWarnings,
                    k.FoundWarnings, k.WarningRecall, k.PredictedWarnings, k.TrueWarnings, k.WarningPrecision, MeanMs = Math.Round(mean), MaxMs = Math.Round(max) };
            }
            if (parse.GetValue(json))
                CliOutput.WriteJson(new
                {
                    Kinds = score.Kinds.Select(k => Figures(k, score.Images.Where(i => i.Kind == k.Kind))),
                    Overall = Figures(score.Overall, score.Images),
                    Images = score.Images.Select(i => new
                    {
                        i.Image, i.Kind, i.Missing, Ms = Math.Round(milliseconds.GetValueOrDefault(Path.Combine(set.Directory, i.Image))),
                        i.TruthValues, i.PredictedValues, i.MatchedValues, i.TruthWarnings, i.FoundWarnings, i.PredictedWarnings, i.TrueWarnings,
                        i.MissedValues, i.WrongValues, i.MissedWarnings, i.FalseWarnings,
                    }),
                });
            else
            {
                CliOutput.Table(["KIND", "IMAGES", "VALUES P", "R", "F1", "WARNINGS R", "P", "MEAN MS", "MAX MS"], score.Kinds.Select(k =>
                {
                    var (mean, max) = Timing(score.Images.Where(i => i.Kind == k.Kind));
                    return (IReadOnlyList<string>)[k.Kind, k.Images.ToString(), PythonFloat.Fixed(k.Precision, 3), PythonFloat.Fixed(k.Recall, 3), PythonFloat.Fixed(k.F1, 3),
                        k.TruthWarnings > 0 ? PythonFloat.Fixed(k.WarningRecall, 3) : "n/a", k.PredictedWarnings > 0 ? PythonFloat.Fixed(k.WarningPrecision, 3) : "n/a",
                        mean.ToString("0"), max.ToString("0")];
                }));
                var o = score.Overall;
                var (allMean, allMax) = Timing(score.Images);
                CliOutput.Line($"overall {o.Images} image{(o.Images == 1 ? "" : "s")}{(o.Missing > 0 ? $" ({o.Missing} unread)" : "")}: values P {PythonFloat.Fixed(o.Precision, 3)} R {PythonFloat.Fixed(o.Recall, 3)} " +
                               $"F1 {PythonFloat.Fixed(o.F1, 3)} ({o.MatchedValues} of {o.TruthValues} true, {o.PredictedValues} predicted); warnings R " +
                               $"{(o.TruthWarnings > 0 ? PythonFloat.Fixed(o.WarningRecall, 3) : "n/a")} P {(o.PredictedWarnings > 0 ? PythonFloat.Fixed(o.WarningPrecision, 3) : "n/a")} " +
                               $"({o.FoundWarnings} of {o.TruthWarnings} true, {o.PredictedWarnings} predicted); {allMean:0} ms mean, {allMax:0} ms max per image");
            }
            return Task.FromResult(score.Overall.Missing == 0 ? 0 : 1);
        }));
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
