using Airgap.Analytics;
using Airgap.Analytics.Anomaly;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Hosting;

/// <summary>
/// Retrains every trained detector every Analytics:AnomalyRetrainInterval, the safe way (a candidate is activated
/// only if no worse in false alarms; else kept inactive, reason audited). A detector without enough stored readings
/// is passed over until it has them.
/// </summary>
internal sealed partial class ScheduledRetraining(AnalyticsOptions options, DetectorDefinitions definitions, DetectorRegistry detectors,
    DetectorRetraining retraining, TelemetryStore store, TimeProvider clock, ILogger<ScheduledRetraining> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // PeriodicTimer takes 1 ms to ~49 days; the setting's range keeps it under the top, this keeps it over a second.
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(options.AnomalyRetrainInterval.Ticks, TimeSpan.TicksPerSecond)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await RunOnceAsync(stoppingToken);
    }

    /// <summary>One round: every defined detector that has a trained version; returns what each retraining did.</summary>
    public async Task<IReadOnlyList<DetectorRetraining.Outcome>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var versions = detectors.List();
        var trained = versions.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var outcomes = new List<DetectorRetraining.Outcome>();
        foreach (var definition in definitions.All().Where(d => trained.Contains(d.Name)))
        {
            // Nothing new since the latest version was made: another version would only repeat it.
            var latest = versions.Where(v => v.Name == definition.Name).Max(v => v.ImportedAt);
            if (store.LatestReceived(definition.Name) is not { } received || received <= latest)
            {
                LogSkipped(definition.Name, "no readings arrived since its latest version");
                continue;
            }
            try
            {
                var outcome = await retraining.RetrainAsync(definition.Name, DetectorRetraining.DefaultWindow, DetectorRetraining.DefaultMargin, cancellationToken);
                outcomes.Add(outcome);
                LogRetrained(definition.Name, outcome.Version, outcome.Activated, outcome.Reason);
            }
            catch (ArgumentException e)
            {
                LogSkipped(definition.Name, e.Message);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One detector's failure (a busy database, a full disk) must not stop the others, nor the server.
                LogFailed(definition.Name, e.Message);
            }
        }
        return outcomes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled retraining of {Detector}: version {Version}, activated {Activated}: {Reason}")]
    private partial void LogRetrained(string detector, string version, bool activated, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled retraining of {Detector} failed; the active version stays: {Reason}")]
    private partial void LogFailed(string detector, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled retraining of {Detector} skipped: {Reason}")]
    private partial void LogSkipped(string detector, string reason);
}
