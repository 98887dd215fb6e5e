namespace Airgap.Analytics.LogAnalysis;

/// <summary>The analyses of a request's templates (in the order asked), the model that was asked, and why anything fell back.</summary>
public sealed record TemplateAnalysisOutcome(IReadOnlyList<TemplateAnalysis> Analyses, string? Model, IReadOnlyList<string> Notes)
{
    /// <summary>llm, rules or cache when one source answered everything, else mixed.</summary>
    public string Source
    {
        get
        {
            var sources = Analyses.Select(a => a.Source).Distinct().ToList();
            return sources.Count == 1 ? sources[0] : sources.Count == 0 ? LogAnalysisVocabulary.FromRules : LogAnalysisVocabulary.Mixed;
        }
    }
}
