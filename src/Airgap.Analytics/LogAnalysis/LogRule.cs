using System.Text.RegularExpressions;

namespace Airgap.Analytics.LogAnalysis;

/// <summary>One rule of a rules file: a line or template that matches <see cref="Pattern"/> gets this analysis.</summary>
public sealed record LogRule(Regex Pattern, string Severity, string Category, string LikelyCause, string SuggestedAction)
{
    /// <summary>True when the pattern matches; a pattern that runs past its match timeout does not match.</summary>
    public bool Matches(string text)
    {
        try
        {
            return Pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological pattern on a long line must not stall the request: the next rule is asked instead.
            return false;
        }
    }

    /// <summary>The analysis this rule gives.</summary>
    public TemplateAnalysis Analysis => new(Severity, Category, LikelyCause, SuggestedAction, LogAnalysisVocabulary.FromRules);
}
