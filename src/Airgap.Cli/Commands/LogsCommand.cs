using System.CommandLine;
using System.Text;
using Airgap.Analytics.Logs;
using Airgap.Cli.Output;
using Airgap.Models.Storage;

namespace Airgap.Cli.Commands;

/// <summary>`airgap logs templates|parse|analyze`: template mining and analysis of log files, in-process.</summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var command = new Command("logs", "Mine log templates, write a log's structured form, analyse a log");
        command.Subcommands.Add(Templates());
        command.Subcommands.Add(Parse());
        command.Subcommands.Add(LogsAnalyzeCommand.Create());
        return command;
    }

    /// <summary>--format, shared by the log verbs.</summary>
    private static Option<string?> FormatOption() => new("--format")
    {
        Description = "Header format in the Loghub syntax, e.g. '<Date> <Time> <Level> <Component>: <Content>' (default: detected, else the whole line is the message)",
    };

    private static Command Templates()
    {
        var file = new Argument<string>("file") { Description = "The log file" };
        var format = FormatOption();
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var store = new Option<string?>("--store")
        {
            Description = "Mine into the named template store in the data home (analytics/NAME.templates.db): resumes where the last run stopped, and keeps what this one found",
        };
        var command = new Command("templates", "The templates of FILE: id, text, count, first and last seen (line numbers), an example")
            { file, format, json, store };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(() =>
        {
            var path = parse.GetValue(file)!;
            var header = LogFile.FormatFor(path, parse.GetValue(format));
            using var saved = parse.GetValue(store) is { } name ? TemplateStore.Open(AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption)), name) : null;
            var miner = saved?.Load() ?? new TemplateMiner();
            var ranges = new Range[header.Fields.Count + 1];
            foreach (var line in LogFile.Records(path))
            {
                miner.Add(header.Content(line, ranges));
                if ((miner.LineCount & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
            saved?.Save(miner);
            var templates = miner.Templates.OrderByDescending(t => t.Count).ThenBy(t => t.Id).ToArray();
            if (parse.GetValue(json))
                CliOutput.WriteJson(new
                {
                    format = header.Text,
                    lines = miner.LineCount,
                    templates = templates.Select(t => new { id = $"E{t.Id}", template = t.Text, t.Count, first_seen = t.FirstSeen, last_seen = t.LastSeen, t.Example }),
                });
            else
            {
                CliOutput.Table(["ID", "COUNT", "FIRST", "LAST", "TEMPLATE", "EXAMPLE"], templates.Select(t => (IReadOnlyList<string>)
                    [$"E{t.Id}", t.Count.ToString(), t.FirstSeen.ToString(), t.LastSeen.ToString(), t.Text, t.Example]));
                CliOutput.Line($"{miner.LineCount} lines, {templates.Length} templates, format {header.Text}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Parse()
    {
        var file = new Argument<string>("file") { Description = "The log file" };
        var format = FormatOption();
        var command = new Command("parse", "The structured form of every line of FILE as CSV on stdout: LineId,EventId,EventTemplate, the header fields, Content")
            { file, format };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(() =>
        {
            var path = parse.GetValue(file)!;
            var header = LogFile.FormatFor(path, parse.GetValue(format));
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 20);
            StructuredLogExport.Write(path, header, stdout, cancellationToken);
            return Task.FromResult(0);
        }));
        return command;
    }
}
