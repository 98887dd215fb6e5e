namespace Airgap.Analytics.Anomaly;

/// <summary>
/// A change of a detector's verdict on its stream: `raised` when readings turn anomalous, `cleared` when they are
/// normal again. Carries the reading's score, threshold and each feature's contribution, so the receiver sees why.
/// </summary>
public sealed record AnomalyAlert(
    string Detector,
    string Version,
    string State,
    long Reading,
    DateTimeOffset At,
    double Score,
    double Threshold,
    IReadOnlyDictionary<string, double> Contributions)
{
    public const string Raised = "raised";
    public const string Cleared = "cleared";
}
