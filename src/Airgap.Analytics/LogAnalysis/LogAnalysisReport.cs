namespace Airgap.Analytics.LogAnalysis;

/// <summary>
/// The answer to one analysis request: each distinct template with its analysis (most urgent first), every input
/// line's template, which source answered, the model asked, and why anything fell back to the rules.
/// </summary>
/// <param name="Templates">Distinct templates, critical first, then by count.</param>
/// <param name="Lines">Every non-blank input line: its number (from 1), text and template id.</param>
/// <param name="Source">llm, rules or cache when one source answered everything, else mixed.</param>
/// <param name="Model">The model asked, or null when none is configured.</param>
/// <param name="Format">The header format the lines were split by (given or detected).</param>
/// <param name="Notes">Why the rules answered where they did, in words.</param>
/// <param name="Elapsed">Time from the first line to the last analysis.</param>
public sealed record LogAnalysisReport(
    IReadOnlyList<AnalyzedTemplate> Templates,
    IReadOnlyList<AnalyzedLine> Lines,
    string Source,
    string? Model,
    string Format,
    IReadOnlyList<string> Notes,
    TimeSpan Elapsed);
