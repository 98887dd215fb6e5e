namespace Airgap.Analytics.Anomaly;

/// <summary>
/// One reading's score (higher is more anomalous), the threshold it was held to, the verdict, and per feature (in
/// feature order) its share of the score: non-negative, summing to 1 when the score has any part to share.
/// </summary>
public sealed record AnomalyScore(double Score, double Threshold, bool IsAnomaly, double[] Contributions);
