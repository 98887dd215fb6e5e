namespace Airgap.Analytics.Anomaly;

/// <summary>No detector is defined under this name.</summary>
public sealed class DetectorNotFoundException(string name) : Exception($"no anomaly detector named '{name}'; create it with POST /v1/anomaly/detectors")
{
    public string Name { get; } = name;
}
