namespace Airgap.Analytics.LogAnalysis;

/// <summary>What one distinct log template means and what to do about it, and who said so.</summary>
/// <param name="Severity">One of <see cref="LogAnalysisVocabulary.Severities"/>.</param>
/// <param name="Category">One of <see cref="LogAnalysisVocabulary.Categories"/>.</param>
/// <param name="LikelyCause">Why the line was written, in a sentence.</param>
/// <param name="SuggestedAction">What an engineer should do next, in a sentence.</param>
/// <param name="Source">Which answered: llm, rules or cache (<see cref="LogAnalysisVocabulary"/>).</param>
public sealed record TemplateAnalysis(string Severity, string Category, string LikelyCause, string SuggestedAction, string Source)
{
    /// <summary>The same analysis, said to come from <paramref name="source"/>.</summary>
    public TemplateAnalysis From(string source) => this with { Source = source };
}
