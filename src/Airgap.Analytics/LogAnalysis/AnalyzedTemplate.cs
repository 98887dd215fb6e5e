namespace Airgap.Analytics.LogAnalysis;

/// <summary>A template of the request with its analysis.</summary>
public sealed record AnalyzedTemplate(LogTemplateGroup Group, TemplateAnalysis Analysis);
