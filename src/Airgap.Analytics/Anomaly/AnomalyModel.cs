namespace Airgap.Analytics.Anomaly;

/// <summary>
/// A fitted detector with how its stream is read: readings averaged over <see cref="InputWindow"/> before scoring
/// (the detector was fitted on training rows averaged the same way), and decisions taken on the mean score over
/// <see cref="DecisionWindow"/> readings.
/// </summary>
public sealed record AnomalyModel(IAnomalyDetector Detector, int InputWindow, int DecisionWindow)
{
    /// <summary>A scorer for a stream that continues after <paramref name="history"/> (the readings just before it, if any).</summary>
    public AnomalySequence Sequence(IReadOnlyList<double[]>? history = null)
    {
        var sequence = new AnomalySequence(Detector, InputWindow, DecisionWindow);
        if (history is not null)
            foreach (var row in history.Skip(Math.Max(0, history.Count - InputWindow + 1))) sequence.Prime(row);
        return sequence;
    }
}
