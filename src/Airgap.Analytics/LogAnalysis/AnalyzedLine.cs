namespace Airgap.Analytics.LogAnalysis;

/// <summary>One input line and the template it belongs to.</summary>
/// <param name="Number">Its line number in the input, from 1 (blank lines count but are not listed).</param>
/// <param name="Text">The line as given.</param>
/// <param name="TemplateId">The id of its template in <see cref="LogAnalysisReport.Templates"/>.</param>
public sealed record AnalyzedLine(long Number, string Text, string TemplateId);
