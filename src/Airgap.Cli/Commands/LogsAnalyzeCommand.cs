using System.CommandLine;
using System.Text;
using Airgap.Analytics;
using Airgap.Analytics.LogAnalysis;
using Airgap.Cli.Output;
using Airgap.Inference;
using Airgap.Inference.Errors;
using Airgap.Models.Storage;
using Airgap.Server.Hosting;
using Airgap.Server.Tasks;

namespace Airgap.Cli.Commands;

/// <summary>
/// `airgap logs analyze FILE [--format F] [--json] [--model M]`: the log analysis assistant in-process on the data home
/// (no server needed): the site's Analytics settings, rules file and answer cache, and its models.
/// </summary>
public static class LogsAnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The log file" };
        var format = new Option<string?>("--format")
        {
            Description = "Header format in the Loghub syntax, e.g. '<Date> <Time> <Level> <Component>: <Content>' (default: detected)",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON (the shape of POST /v1/logs/analyze)" };
        var model = new Option<string?>("--model") { Description = "Model to ask instead of the Analytics:LogModel setting" };
        var command = new Command("analyze", "Analyse FILE: each distinct template's severity, category, likely cause and suggested action")
            { file, format, json, model };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var home = AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption));
            var settings = AirgapConfiguration.Load(home, new Dictionary<string, string?>(), new Dictionary<string, string>()).ToServerOptions();
            var options = settings.Analytics;
            // A bad --format is named as the option the user typed, before any file is read.
            if (parse.GetValue(format) is { } given) LogAnalysisService.ResolveFormat(given, [], "--format");
            var lines = await ReadLinesAsync(parse.GetValue(file)!, options, cancellationToken);
            var rules = LogRuleSet.Load(LogAnalysisEndpoints.RulesPath(home, options.RulesFile));
            using var engine = AirgapEngine.Open(home.Root, settings.Inference);
            var analyzer = new TemplateAnalyzer(engine.ChatClient(parse.GetValue(model) ?? options.LogModel ?? ""),
                LogAnalysisEndpoints.VersionLookup(engine.Registry), rules,
                new LogAnalysisCache(Path.Combine(home.AnalyticsDirectory, LogAnalysisCache.FileName)), options);
            var report = await new LogAnalysisService(analyzer, options)
                .AnalyzeAsync(lines, parse.GetValue(format), parse.GetValue(model), cancellationToken, "FILE");
            if (parse.GetValue(json)) CliOutput.WriteJson(LogAnalysisEndpoints.ToWire(report));
            else Print(report);
            return 0;
        }));
        return command;
    }

    private static void Print(LogAnalysisReport report)
    {
        CliOutput.Table(["SEVERITY", "CATEGORY", "COUNT", "ID", "TEMPLATE", "LIKELY CAUSE", "SUGGESTED ACTION", "SOURCE"],
            report.Templates.Select(t => (IReadOnlyList<string>)
            [
                t.Analysis.Severity, t.Analysis.Category, t.Group.Count.ToString(), t.Group.Id, t.Group.Template,
                t.Analysis.LikelyCause, t.Analysis.SuggestedAction, t.Analysis.Source,
            ]));
        var byModel = report.Source != LogAnalysisVocabulary.FromRules && report.Model is not null ? $" (model {report.Model})" : "";
        CliOutput.Line($"{report.Lines.Count} lines, {report.Templates.Count} templates, format {report.Format}; answered by {report.Source}{byModel}");
        foreach (var note in report.Notes) CliOutput.Line($"note: {note}");
    }

    /// <summary>The file's lines, opened once and bounded by Analytics:MaxLogBytes and Analytics:MaxLogLines as the server is.</summary>
    private static async Task<List<string>> ReadLinesAsync(string path, AnalyticsOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path)) throw new ArgumentException($"{path}: is a directory, not a log file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        if (stream.CanSeek && stream.Length > options.MaxLogBytes)
            throw new ArgumentException($"{path}: is {stream.Length} bytes, larger than Analytics:MaxLogBytes ({options.MaxLogBytes})");
        using var reader = new StreamReader(new BoundedBodyStream(stream, options.MaxLogBytes, "Analytics:MaxLogBytes"), Encoding.UTF8, true);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (lines.Count == options.MaxLogLines)
                throw new InvalidRequestException(path, $"has more than Analytics:MaxLogLines ({options.MaxLogLines}) lines");
            lines.Add(line);
        }
        return lines;
    }
}
