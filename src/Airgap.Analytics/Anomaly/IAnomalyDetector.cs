namespace Airgap.Analytics.Anomaly;

/// <summary>
/// A fitted anomaly detector over a fixed list of numeric features: scores one reading (a higher score is more
/// anomalous) against its threshold and says how much each feature contributed, so every alarm can be explained.
/// </summary>
public interface IAnomalyDetector
{
    /// <summary>The algorithm's name as the CLI and API write it (`isolation-forest`, `pca-t2q`).</summary>
    string Algorithm { get; }

    /// <summary>The features a reading must carry, in order.</summary>
    int FeatureCount { get; }

    /// <summary>Scores above it are anomalies.</summary>
    double Threshold { get; }

    /// <summary>The score of one reading (values in feature order), its verdict and each feature's contribution.</summary>
    AnomalyScore Score(ReadOnlySpan<double> reading);
}
