using System.Globalization;
using Prometheus;

namespace Airgap.Server.Observability;

/// <summary>
/// This server's Prometheus metrics, all named <c>airgap_*</c>, in a registry of its own (never prometheus-net's
/// process-wide default, so two servers in one process do not share or collide).
/// </summary>
public sealed class AirgapMetrics
{
    private static readonly double[] Seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly double[] TokenRates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    private readonly Counter _requests;
    private readonly Histogram _queueWait;
    private readonly Histogram _timeToFirstToken;
    private readonly Histogram _duration;
    private readonly Histogram _tokensPerSecond;
    private readonly Counter _imports;
    private readonly Counter _refusals;

    public AirgapMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("airgap_requests_total", "HTTP requests by route pattern, serving model and status.",
            new CounterConfiguration { LabelNames = ["route", "model", "status"] });
        _queueWait = factory.CreateHistogram("airgap_queue_wait_seconds", "Time a generation waited in its model's queue.",
            new HistogramConfiguration { LabelNames = ["model", "priority"], Buckets = Seconds });
        _timeToFirstToken = factory.CreateHistogram("airgap_time_to_first_token_seconds", "Time from a generation's start to its first token.",
            new HistogramConfiguration { LabelNames = ["model", "priority"], Buckets = Seconds });
        _duration = factory.CreateHistogram("airgap_request_duration_seconds", "End-to-end time of requests that ran a model.",
            new HistogramConfiguration { LabelNames = ["model", "priority"], Buckets = Seconds });
        _tokensPerSecond = factory.CreateHistogram("airgap_generation_tokens_per_second", "Generated tokens per second of generating time.",
            new HistogramConfiguration { LabelNames = ["model", "priority"], Buckets = TokenRates });
        _imports = factory.CreateCounter("airgap_imports_total", "Pack imports by the server (drop folders, /api/pull) and their outcome.",
            new CounterConfiguration { LabelNames = ["source", "outcome"] });
        _refusals = factory.CreateCounter("airgap_refusals_total", "Requests refused with a 4xx or 5xx, by status and error code.",
            new CounterConfiguration { LabelNames = ["status", "code"] });
        Factory = factory;
    }

    /// <summary>The registry /metrics exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Makes further metrics in <see cref="Registry"/> (the collect-time gauges).</summary>
    public IMetricFactory Factory { get; }

    /// <summary>Counts a finished request, and times it when a model served it.</summary>
    public void RequestFinished(RequestRecord record, string? refusalCode)
    {
        var status = record.Status.ToString(CultureInfo.InvariantCulture);
        _requests.WithLabels(record.Route, record.Model ?? "", status).Inc();
        if (record.Model is { } model) _duration.WithLabels(model, Priority(record.Priority)).Observe(record.Total.TotalSeconds);
        if (refusalCode is not null) _refusals.WithLabels(status, refusalCode).Inc();
    }

    /// <summary>Observes one finished generation's waits and rate.</summary>
    public void GenerationFinished(string model, int priority, TimeSpan? queueWait, TimeSpan? timeToFirstToken, int? generatedTokens, TimeSpan? generateTime)
    {
        string[] labels = [model, Priority(priority)];
        if (queueWait is { } wait) _queueWait.WithLabels(labels).Observe(wait.TotalSeconds);
        if (timeToFirstToken is { } first) _timeToFirstToken.WithLabels(labels).Observe(first.TotalSeconds);
        if (generatedTokens is > 0 && generateTime is { TotalSeconds: > 0 } time)
            _tokensPerSecond.WithLabels(labels).Observe(generatedTokens.Value / time.TotalSeconds);
    }

    /// <summary>Counts an import the server ran: <paramref name="outcome"/> is <c>imported</c> or <c>refused</c>.</summary>
    public void Imported(string source, string outcome) => _imports.WithLabels(source, outcome).Inc();

    private static string Priority(int? priority) => (priority ?? 0).ToString(CultureInfo.InvariantCulture);
}
