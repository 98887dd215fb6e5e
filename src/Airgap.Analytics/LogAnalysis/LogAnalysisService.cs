using System.Diagnostics;
using Airgap.Analytics.Logs;
using Airgap.Inference.Errors;

namespace Airgap.Analytics.LogAnalysis;

/// <summary>
/// Mines a request's lines into templates (a fresh miner: the templates are this request's), then analyses each
/// distinct template once; the lines of one template share its analysis. Both the endpoint and the CLI use it.
/// </summary>
public sealed class LogAnalysisService(TemplateAnalyzer analyzer, AnalyticsOptions options)
{
    // Lines read to detect the header format when none is given.

    /// <summary>The header format named by <paramref name="format"/>, or detected from the lines; a bad one is an error naming <paramref name="field"/>.</summary>
    public static LogFormat ResolveFormat(string? format, IReadOnlyList<string> lines, string field = "format")
    {
        if (string.IsNullOrWhiteSpace(format)) return LogFormat.Detect(lines.Take(LogFile.DetectionSample).ToList());
        try
        {
            return LogFormat.Parse(format);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException(field, e.Message);
        }
    }

    /// <summary>
    /// Analyses <paramref name="lines"/> (one log line or entry each); <paramref name="model"/> overrides Analytics:LogModel;
    /// <paramref name="field"/> is what errors about the lines name (entries, text, file).
    /// </summary>
    public async Task<LogAnalysisReport> AnalyzeAsync(IReadOnlyList<string> lines, string? format, string? model, CancellationToken cancellationToken,
        string field = "entries")
    {
        var clock = Stopwatch.StartNew();
        if (lines.Count > options.MaxLogLines)
            throw new InvalidRequestException(field, $"has {lines.Count} lines, more than Analytics:MaxLogLines ({options.MaxLogLines})");
        if (lines.All(string.IsNullOrWhiteSpace)) throw new InvalidRequestException(field, "holds no log lines");
        var header = ResolveFormat(format, lines);
        var miner = new TemplateMiner();
        var mined = new List<(long Number, string Text, int Id)>(lines.Count);
        var firstLine = new Dictionary<int, string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i];
            if (string.IsNullOrWhiteSpace(text)) continue;
            // A multi-line entry (a stack trace) is one record: the miner sees it on one line.
            var content = header.ParseLine(text.ReplaceLineEndings(" ")).Content;
            var match = miner.Add(content);
            mined.Add((i + 1, text, match.Id));
            firstLine.TryAdd(match.Id, text);
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }

        var templates = miner.Templates;
        // A template merged into an older one hands its first line on to the survivor, which already has an earlier one.
        var groups = templates.Select(t => new LogTemplateGroup(TemplateId(t.Id), t.Text, t.Count, firstLine.GetValueOrDefault(t.Id, t.Example))).ToList();
        var outcome = await analyzer.AnalyzeAsync(groups, model, cancellationToken);
        var analyzed = groups.Select((g, i) => new AnalyzedTemplate(g, outcome.Analyses[i]))
            .OrderBy(t => LogAnalysisVocabulary.Rank(t.Analysis.Severity)).ThenByDescending(t => t.Group.Count).ToList();
        var lineReport = mined.Select(m => new AnalyzedLine(m.Number, m.Text, TemplateId(miner.Resolve(m.Id)))).ToList();
        return new LogAnalysisReport(analyzed, lineReport, outcome.Source, outcome.Model, header.Text, outcome.Notes, clock.Elapsed);
    }

    /// <summary>E1, E2, …: Loghub's spelling of a template id.</summary>
    public static string TemplateId(int id) => $"E{id}";
}
