namespace Airgap.Analytics.LogAnalysis;

/// <summary>The closed sets an analysis draws from: the model's grammar, the rules file and the wire all use these.</summary>
public static class LogAnalysisVocabulary
{
    public const string Critical = "critical";
    public const string Warning = "warning";
    public const string Info = "info";

    public const string Hardware = "hardware";
    public const string Software = "software";
    public const string Network = "network";
    public const string User = "user";

    public const string FromModel = "llm";
    public const string FromRules = "rules";
    public const string FromCache = "cache";

    /// <summary>The overall source of a response whose templates were answered by more than one source.</summary>
    public const string Mixed = "mixed";

    /// <summary>Severities, most urgent first.</summary>
    public static IReadOnlyList<string> Severities { get; } = [Critical, Warning, Info];

    /// <summary>Categories of cause.</summary>
    public static IReadOnlyList<string> Categories { get; } = [Hardware, Software, Network, User];

    /// <summary>0 for critical, 1 for warning, 2 for info: sorts the most urgent first.</summary>
    public static int Rank(string severity) => severity switch { Critical => 0, Warning => 1, _ => 2 };
}
