using Airgap.Analytics.Anomaly;

namespace Airgap.Analytics.Tests.Anomaly;

public class DetectorsScoreAndExplain
{
    private static readonly Dictionary<string, string> Raw = new() { ["limit_factor"] = "1", ["input_window"] = "1", ["decision_window"] = "1" };

    [Fact]
    public void Pca_t2q_passes_healthy_readings_and_flags_a_broken_relationship_on_the_feature_that_broke()
    {
        var model = AnomalyAlgorithms.Fit("pca-t2q", Telemetry.Healthy(400, 1), Raw);
        var detector = model.Detector;

        var healthy = Telemetry.Healthy(1000, 2).Select(r => detector.Score(r)).ToList();
        var leak = detector.Score(Telemetry.Leak());

        Assert.InRange(healthy.Count(s => s.IsAnomaly) / 1000.0, 0.0, 0.05);
        Assert.True(leak.IsAnomaly);
        Assert.True(leak.Score > 10, $"score {leak.Score}");
        Assert.Equal(1, Array.IndexOf(leak.Contributions, leak.Contributions.Max()));
        Assert.Equal(1.0, leak.Contributions.Sum(), 9);
        Assert.All(leak.Contributions, c => Assert.True(c >= 0));
    }

    [Fact]
    public void A_single_spike_is_not_an_alarm_over_a_decision_window_but_a_sustained_shift_is()
    {
        var model = AnomalyAlgorithms.Fit("pca-t2q", Telemetry.Healthy(400, 1),
            new Dictionary<string, string> { ["limit_factor"] = "1", ["input_window"] = "1", ["decision_window"] = "10" });
        var sequence = model.Sequence();
        var healthy = Telemetry.Healthy(30, 3);

        foreach (var r in healthy[..20]) sequence.Next(r);
        // Over its threshold, but not ten times over: one such reading in ten does not move the mean past it.
        var spike = sequence.Next([32, 3.3, 0.96, 70]);
        var afterSpike = healthy[20..].Select(r => sequence.Next(r).IsAnomaly).ToList();
        var sustained = Enumerable.Range(0, 10).Select(_ => sequence.Next(Telemetry.Leak())).ToList();

        Assert.InRange(spike.Score, spike.Threshold * 1.5, spike.Threshold * 8);
        Assert.False(spike.IsAnomaly);
        Assert.DoesNotContain(true, afterSpike);
        Assert.True(sustained[^1].IsAnomaly);
    }

    [Fact]
    public void Parameters_are_checked_and_named()
    {
        var rows = Telemetry.Healthy(50, 1);
        Assert.Contains("algorithm 'lof' is not one of", Assert.ThrowsAny<ArgumentException>(() => AnomalyAlgorithms.Fit("lof", rows, Raw)).Message);
        Assert.Equal("parameter confidence: must be in (0.5, 1)",
            Assert.ThrowsAny<ArgumentException>(() => AnomalyAlgorithms.Fit("pca-t2q", rows, new Dictionary<string, string> { ["confidence"] = "2" })).Message);
        Assert.StartsWith("parameter n_trees: pca-t2q has no such parameter",
            Assert.ThrowsAny<ArgumentException>(() => AnomalyAlgorithms.Fit("pca-t2q", rows, new Dictionary<string, string> { ["n_trees"] = "2" })).Message);
        Assert.StartsWith("parameter input_window: 'zero'",
            Assert.ThrowsAny<ArgumentException>(() => AnomalyAlgorithms.Fit("pca-t2q", rows, new Dictionary<string, string> { ["input_window"] = "zero" })).Message);
        Assert.Equal("--param speed: must be KEY=VALUE", Assert.ThrowsAny<ArgumentException>(() => AnomalyParameters.Parse(["speed"])).Message.Replace("'", ""));
    }

    [Fact]
    public void A_feature_that_never_varied_in_training_does_not_divide_by_zero()
    {
        var rows = Telemetry.Healthy(100, 1).Select(r => r.Append(5.0).ToArray()).ToList();
        var detector = AnomalyAlgorithms.Fit("pca-t2q", rows, Raw).Detector;
        var score = detector.Score([32, 3.2, 0.96, 70, 6.0]);
        Assert.True(double.IsFinite(score.Score));
        Assert.True(score.IsAnomaly);
        Assert.Equal(4, Array.IndexOf(score.Contributions, score.Contributions.Max()));
    }

    [Fact]
    public void A_stored_detector_scores_exactly_as_the_fitted_one_and_a_damaged_file_is_refused_by_name()
    {
        var model = AnomalyAlgorithms.Fit("pca-t2q", Telemetry.Healthy(400, 1), new Dictionary<string, string> { ["decision_window"] = "7" });
        var path = Path.Combine(Path.GetTempPath(), $"airgap-{Guid.NewGuid():N}.anomaly");
        try
        {
            new DetectorFile("pca-t2q", ["flow", "pressure", "current", "temperature"], new Dictionary<string, string> { ["decision_window"] = "7" },
                model, 400, DateTimeOffset.UnixEpoch).Save(path);
            var loaded = DetectorFile.Load(path);

            Assert.Equal(["flow", "pressure", "current", "temperature"], loaded.Features);
            Assert.Equal((5, 7), (loaded.Model.InputWindow, loaded.Model.DecisionWindow));
            foreach (var reading in Telemetry.Healthy(20, 9).Append(Telemetry.Leak()))
                Assert.Equal(model.Detector.Score(reading).Score, loaded.Model.Detector.Score(reading).Score, 12);

            File.WriteAllText(path, File.ReadAllText(path).Replace("\"q_limit\":", "\"q_limit\":-"));
            Assert.Equal("detector state: q_limit must be a number above 0", Assert.Throws<InvalidDataException>(() => DetectorFile.Load(path)).Message);
            File.WriteAllText(path, "{\"kind\": \"airgap-anomaly-detector\", \"format_version\": \"one\"}");
            Assert.StartsWith("detector file holds a value of the wrong type", Assert.Throws<InvalidDataException>(() => DetectorFile.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_isolation_forest_is_fitted_by_name_and_stored_and_reloaded_exactly()
    {
        var parameters = new Dictionary<string, string> { ["n_estimators"] = "50", ["random_state"] = "3" };
        var model = AnomalyAlgorithms.Fit("isolation-forest", Telemetry.Healthy(300, 1), parameters);
        var path = Path.Combine(Path.GetTempPath(), $"airgap-{Guid.NewGuid():N}.anomaly");
        try
        {
            new DetectorFile("isolation-forest", ["flow", "pressure", "current", "temperature"], parameters, model, 300, DateTimeOffset.UnixEpoch).Save(path);
            var loaded = DetectorFile.Load(path).Model.Detector;

            Assert.Equal(("isolation-forest", 0.5), (loaded.Algorithm, loaded.Threshold));
            foreach (var reading in Telemetry.Healthy(20, 9).Append(Telemetry.Leak()))
                Assert.Equal(model.Detector.Score(reading).Score, loaded.Score(reading).Score, 12);
            Assert.StartsWith("parameter max_samples: 'lots'", Assert.ThrowsAny<ArgumentException>(() =>
                AnomalyAlgorithms.Fit("isolation-forest", Telemetry.Healthy(30, 1), new Dictionary<string, string> { ["max_samples"] = "lots" })).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
