using System.Globalization;
using System.Net;
using System.Text.Json;
using Airgap.Models.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Tests;

public sealed class RetrainingNeverLosesTheWorkingDetector
{
    // Flow in [low, low + spread), pressure and current following it.
    private static string Rows(int count, int seed, double low, double spread)
    {
        var random = new Random(seed);
        return "{\"rows\": [" + string.Join(",", Enumerable.Range(0, count).Select(_ =>
        {
            var flow = low + random.NextDouble() * spread;
            return string.Create(CultureInfo.InvariantCulture, $"[{flow}, {0.1 * flow + random.NextDouble() * 0.02}, {0.03 * flow + random.NextDouble() * 0.006}]");
        })) + "]}";
    }

    private static async Task<AssistantServer> TrainedAsync()
    {
        var server = await AssistantServer.StartAsync();
        await server.PostAsync("/v1/anomaly/detectors",
            """{"name": "pump-3", "features": ["flow", "pressure", "current"], "params": {"decision_window": 1, "input_window": 1, "limit_factor": 2}}""");
        await server.PostAsync("/v1/anomaly/detectors/pump-3/train", Rows(400, 1, 28, 8));
        return server;
    }

    [Fact]
    public async Task A_candidate_no_worse_on_the_latest_normal_readings_is_activated()
    {
        await using var server = await TrainedAsync();
        await server.PostAsync("/v1/telemetry/pump-3", Rows(500, 2, 28, 8));

        var (status, outcome) = await server.PostAsync("/v1/anomaly/detectors/pump-3/retrain", "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(outcome.GetProperty("activated").GetBoolean(), outcome.GetRawText());
        Assert.Equal(("1.0.1", "1.0.0", 100), (outcome.GetProperty("version").GetString(), outcome.GetProperty("active_version").GetString(), outcome.GetProperty("held_out").GetInt32()));
        using var shown = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/anomaly/detectors/pump-3"));
        Assert.Equal("1.0.1", shown.RootElement.GetProperty("active_version").GetString());
        Assert.Contains(new ModelRegistry(server.Home.RegistryPath).Audit("pump-3:latest"), e => e.Action == "retrain-activated" && e.Version == "1.0.1");
    }

    [Fact]
    public async Task A_candidate_that_would_raise_false_alarms_is_kept_inactive_with_the_reason_audited()
    {
        await using var server = await TrainedAsync();
        // Healthy all along by the active detector, but the process moved: a detector fitted on the older, narrow
        // readings would call the latest ones anomalies.
        await server.PostAsync("/v1/telemetry/pump-3", Rows(400, 2, 30, 0.2));
        await server.PostAsync("/v1/telemetry/pump-3", Rows(100, 3, 33, 0.2));

        var (status, outcome) = await server.PostAsync("/v1/anomaly/detectors/pump-3/retrain", """{"margin": 0.05}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(outcome.GetProperty("activated").GetBoolean(), outcome.GetRawText());
        Assert.StartsWith("kept inactive: false-alarm rate", outcome.GetProperty("reason").GetString());
        Assert.True(outcome.GetProperty("false_alarm_rate").GetDouble() > 0.5);
        using var shown = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/anomaly/detectors/pump-3"));
        Assert.Equal("1.0.0", shown.RootElement.GetProperty("active_version").GetString());
        Assert.Equal(2, shown.RootElement.GetProperty("versions").GetArrayLength());
        var refused = Assert.Single(new ModelRegistry(server.Home.RegistryPath).Audit("pump-3:latest"), e => e.Action == "retrain-refused");
        Assert.Equal("1.0.1", refused.Version);
        Assert.Contains("worse than active 1.0.0", refused.Detail);
    }

    [Fact]
    public async Task Retraining_without_enough_stored_readings_or_with_a_bad_margin_is_a_400()
    {
        await using var server = await TrainedAsync();
        var (_, few) = await server.PostAsync("/v1/anomaly/detectors/pump-3/retrain", "{}");
        Assert.Contains("retraining needs at least 50", few.GetProperty("error").GetProperty("message").GetString());
        var (_, margin) = await server.PostAsync("/v1/anomaly/detectors/pump-3/retrain", """{"margin": 3}""");
        Assert.Equal("margin", margin.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_scheduled_round_retrains_each_trained_detector_with_enough_readings_and_passes_over_the_rest()
    {
        await using var server = await TrainedAsync();
        await server.PostAsync("/v1/anomaly/detectors", """{"name": "fan-1", "features": ["flow", "pressure", "current"]}""");
        await server.PostAsync("/v1/anomaly/detectors", """{"name": "fan-2", "features": ["flow", "pressure", "current"]}""");
        await server.PostAsync("/v1/anomaly/detectors/fan-2/train", Rows(100, 5, 28, 8));
        await server.PostAsync("/v1/telemetry/pump-3", Rows(300, 2, 28, 8));

        var round = server.Services.GetRequiredService<Airgap.Server.Hosting.ScheduledRetraining>();
        var outcomes = await round.RunOnceAsync(default);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(("pump-3:latest", "1.0.1", true), (outcome.Name, outcome.Version, outcome.Activated));
        // No reading since 1.0.1: the next round makes no new version.
        Assert.Empty(await round.RunOnceAsync(default));
    }
}
