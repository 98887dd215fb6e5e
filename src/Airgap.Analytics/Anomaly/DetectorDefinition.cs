namespace Airgap.Analytics.Anomaly;

/// <summary>What a detector is before and across its trainings: its features, algorithm and parameters.</summary>
public sealed record DetectorDefinition(string Name, IReadOnlyList<string> Features, string Algorithm, IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset Created);
