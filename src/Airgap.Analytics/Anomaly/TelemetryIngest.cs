namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Live scoring of each detector's stream: readings arrive in order, are scored by the detector's active version
/// (its input and decision windows carried from one request to the next), stored, and every change of verdict is
/// published as an alert. A new active version starts a fresh stream.
/// </summary>
public sealed class TelemetryIngest(DetectorRegistry detectors, TelemetryStore store, AlertBroadcaster alerts, TimeProvider? clock = null)
{
    private readonly Dictionary<string, LiveStream> _streams = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private sealed class LiveStream(string digest, AnomalySequence sequence)
    {
        public string Digest { get; } = digest;
        public AnomalySequence Sequence { get; } = sequence;
        public long Readings { get; set; }
        public bool Alarmed { get; set; }
        public Lock Gate { get; } = new();
    }

    /// <summary>Scores <paramref name="rows"/> (feature order) on <paramref name="detector"/>'s stream; returns the scores and the alerts raised.</summary>
    public (string Version, IReadOnlyList<AnomalyScore> Scores, IReadOnlyList<AnomalyAlert> Alerts) Ingest(string detector, IReadOnlyList<double[]> rows)
    {
        var (version, file) = detectors.Load(detector);
        LiveStream stream;
        lock (_gate)
        {
            if (!_streams.TryGetValue(version.Name, out stream!) || stream.Digest != version.Digest)
            {
                // A new version starts its own windows, but an alarm still raised stays raised until a reading clears it.
                var previous = stream;
                _streams[version.Name] = stream = new LiveStream(version.Digest, file.Model.Sequence())
                    { Alarmed = previous?.Alarmed ?? false, Readings = previous?.Readings ?? 0 };
            }
        }
        var scores = new List<AnomalyScore>(rows.Count);
        var raised = new List<AnomalyAlert>();
        var now = _clock.GetUtcNow();
        lock (stream.Gate)
        {
            foreach (var row in rows)
            {
                var score = stream.Sequence.Next(row);
                stream.Readings++;
                scores.Add(score);
                if (score.IsAnomaly == stream.Alarmed) continue;
                stream.Alarmed = score.IsAnomaly;
                raised.Add(new AnomalyAlert(version.Name, version.Version, score.IsAnomaly ? AnomalyAlert.Raised : AnomalyAlert.Cleared, stream.Readings, now,
                    score.Score, score.Threshold, file.ContributionsByFeature(score)));
            }
            store.Add(version.Name, rows.Select((r, i) => (r, scores[i])).ToList(), now);
        }
        foreach (var alert in raised) alerts.Publish(alert);
        return (version.Version, scores, raised);
    }
}
