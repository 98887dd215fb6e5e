namespace Airgap.Analytics.LogAnalysis;

/// <summary>
/// What version of <paramref name="model"/> would answer now (its reference and digest, say), or null when it is
/// not installed: the cache keys answers on it, so a new version of a model is asked again.
/// </summary>
public delegate string? ModelVersionLookup(string model);
