using System.CommandLine;
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
