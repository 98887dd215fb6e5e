namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Safe retraining: a candidate is fitted on the stored readings that were not flagged, except the most recent ones,
/// which are held out; it is activated only if its false-alarm rate on them is no worse than the active version's
/// plus a margin. Otherwise it is kept, inactive, with the reason in the audit trail — the working version is never
/// lost, and a detector that drifted into calling everything normal cannot replace a good one unnoticed.
/// </summary>
public sealed class DetectorRetraining(DetectorRegistry detectors, TelemetryStore store)
{
    /// <summary>Readings fitted on by default (the most recent unflagged ones).</summary>
    public const int DefaultWindow = 5000;

    /// <summary>How much higher the candidate's false-alarm rate may be than the active version's.</summary>
    public const double DefaultMargin = 0.01;

    /// <summary>What a retraining did.</summary>
    public sealed record Outcome(string Name, string Version, bool Activated, string Reason, int TrainedOn, int HeldOut,
        double CandidateFalseAlarmRate, double ActiveFalseAlarmRate, string ActiveVersion);

    public async Task<Outcome> RetrainAsync(string name, int window, double margin, CancellationToken cancellationToken)
    {
        if (window < 50) throw new ArgumentException($"window must be at least 50 readings, got {window}");
        if (margin is < 0 or > 1) throw new ArgumentException($"margin must be from 0 to 1, got {margin}");
        var (active, current) = detectors.Load(name);
        var normal = store.Recent(active.Name, window, normalOnly: true);
        if (normal.Count < 50)
            throw new ArgumentException($"detector '{active.Name}' has {normal.Count} stored normal readings; retraining needs at least 50 (POST /v1/telemetry/{{detector}})");
        var heldOut = Math.Max(20, normal.Count / 5);
        var fitRows = normal.Take(normal.Count - heldOut).ToList();
        var holdout = normal.Skip(normal.Count - heldOut).ToList();

        var candidate = detectors.Fit(current.Features, fitRows, current.Algorithm, current.Parameters);
        var candidateRate = FalseAlarmRate(candidate.Model, fitRows, holdout);
        var activeRate = FalseAlarmRate(current.Model, fitRows, holdout);
        var accepted = candidateRate <= activeRate + margin;
        var reason = accepted
            ? $"false-alarm rate {candidateRate:P2} on the {holdout.Count} most recent normal readings, active {active.Version} {activeRate:P2} (margin {margin:P2})"
            : $"kept inactive: false-alarm rate {candidateRate:P2} on the {holdout.Count} most recent normal readings is worse than active {active.Version}'s {activeRate:P2} by more than {margin:P2}";
        var (version, _) = await detectors.RegisterAsync(active.Name, candidate, accepted, cancellationToken);
        detectors.Record(accepted ? "retrain-activated" : "retrain-refused", version, reason);
        return new Outcome(active.Name, version.Version, accepted, reason, fitRows.Count, holdout.Count, candidateRate, activeRate, active.Version);
    }

    // The readings are normal by assumption: every flag is a false alarm. The stream is primed with the rows before them.
    private static double FalseAlarmRate(AnomalyModel model, IReadOnlyList<double[]> before, IReadOnlyList<double[]> normal)
    {
        var sequence = model.Sequence(before);
        return normal.Count(r => sequence.Next(r).IsAnomaly) / (double)normal.Count;
    }
}
