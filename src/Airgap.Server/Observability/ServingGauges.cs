using System.Globalization;
using Airgap.Gateway;
using Airgap.Inference.Scheduling;
using Prometheus;

namespace Airgap.Server.Observability;

/// <summary>
/// The metrics read at scrape time rather than counted as things happen: loaded models and their memory, the queue per
/// model and priority (this machine's runners, or a gateway's job stream), and blob verification failures.
/// </summary>
public sealed class ServingGauges
{
    private readonly ModelHost _host;
    private readonly GatewayStatus? _gateway;
    private readonly Gauge _loaded;
    private readonly Gauge _memory;
    private readonly Gauge _queueDepth;
    private readonly Counter _verifyFailures;

    public ServingGauges(AirgapMetrics metrics, ModelHost host, GatewayStatus? gateway)
    {
        (_host, _gateway) = (host, gateway);
        var factory = metrics.Factory;
        _loaded = factory.CreateGauge("airgap_models_loaded", "Models loaded on this machine.");
        _memory = factory.CreateGauge("airgap_model_memory_bytes", "Estimated memory a loaded model holds.",
            new GaugeConfiguration { LabelNames = ["model"] });
        _queueDepth = factory.CreateGauge("airgap_queue_depth", "Requests waiting, by model and priority (at a gateway: jobs on the job stream).",
            new GaugeConfiguration { LabelNames = ["model", "priority"] });
        _verifyFailures = factory.CreateCounter("airgap_verify_failures_total", "Model loads refused because a blob no longer matched its digest.");
        metrics.Registry.AddBeforeCollectCallback(CollectAsync);
    }

    private async Task CollectAsync(CancellationToken cancellationToken)
    {
        var loaded = _host.Loaded;
        _loaded.Set(loaded.Count);
        Replace(_memory, loaded.Select(m => (new[] { m.Version.Reference }, (double)m.MemoryBytes)));
        var depths = _gateway is not null
            ? (await _gateway.ReadAsync(cancellationToken)).Queue.Select(q => (new[] { q.Model, Text(q.Priority) }, (double)q.Jobs))
            : loaded.SelectMany(m => m.Runner.Queue.CountByPriority().Select(p => (new[] { m.Version.Reference, Text(p.Key) }, (double)p.Value)));
        Replace(_queueDepth, depths);
        _verifyFailures.IncTo(_host.VerifyFailures);
    }

    // A model unloaded or a priority drained leaves no stale series behind.
    private static void Replace(Gauge gauge, IEnumerable<(string[] Labels, double Value)> values)
    {
        var current = values.ToList();
        var kept = current.Select(v => string.Join('\0', v.Labels)).ToHashSet();
        foreach (var labels in gauge.GetAllLabelValues().Where(l => !kept.Contains(string.Join('\0', l))).ToList()) gauge.RemoveLabelled(labels);
        foreach (var (labels, value) in current) gauge.WithLabels(labels).Set(value);
    }

    private static string Text(int priority) => priority.ToString(CultureInfo.InvariantCulture);
}
