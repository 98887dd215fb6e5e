namespace Airgap.Analytics.LogAnalysis;

/// <summary>A rules file that cannot be used: its message names the file, the rule index and the problem.</summary>
public sealed class LogRulesException(string message) : Exception(message);
