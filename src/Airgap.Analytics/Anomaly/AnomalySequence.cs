namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Scores the readings of one stream in order: each is averaged with the ones before it over the input window,
/// scored, and decided on the mean score over the decision window, so noise does not raise an alarm and an alarm does
/// not flicker. The score and contributions reported are the reading's own (after input averaging).
/// </summary>
public sealed class AnomalySequence
{
    private readonly IAnomalyDetector _detector;
    private readonly ReadingSmoother _inputs;
    private readonly int _window;
    private readonly Queue<double> _recent = new();
    private double _sum;

    public AnomalySequence(IAnomalyDetector detector, int inputWindow = 1, int decisionWindow = 1)
    {
        _detector = detector;
        _inputs = new ReadingSmoother(detector.FeatureCount, inputWindow);
        _window = decisionWindow;
    }

    /// <summary>Feeds a reading that came before the scored ones (it fills the input window, it is not scored).</summary>
    public void Prime(ReadOnlySpan<double> reading) => _inputs.Next(reading);

    public AnomalyScore Next(ReadOnlySpan<double> reading)
    {
        var score = _detector.Score(_inputs.Next(reading));
        if (_window <= 1) return score;
        _recent.Enqueue(score.Score);
        _sum += score.Score;
        if (_recent.Count > _window) _sum -= _recent.Dequeue();
        return score with { IsAnomaly = _sum / _recent.Count > _detector.Threshold };
    }
}
