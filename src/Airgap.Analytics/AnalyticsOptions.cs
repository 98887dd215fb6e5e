using System.ComponentModel.DataAnnotations;

namespace Airgap.Analytics;

/// <summary>
/// Settings of the text assistants (log analysis, classification, autocomplete): which model each asks, at which
/// priority, how long it may take before the rules answer, and the bounds of what a request may send. `airgap serve`
/// binds every property from the `Analytics` section; a new property is a new setting (a range and a row in
/// docs/configuration.md).
/// </summary>
public sealed record AnalyticsOptions
{
    /// <summary>Model the log analysis asks (a 3B instruct model by default); empty: rules only.</summary>
    public string? LogModel { get; init; } = "qwen2.5:3b";

    /// <summary>Model classification asks (a small, fast model by default); empty: embeddings and examples only.</summary>
    public string? ClassifyModel { get; init; } = "qwen3:0.6b";

    /// <summary>Model autocomplete asks when history is thin; empty: history only.</summary>
    public string? AutocompleteModel { get; init; } = "qwen3:0.6b";

    /// <summary>Vision-language model the display reader also asks, reconciling its answer with the OCR's; empty: OCR only.</summary>
    public string? DisplayReaderModel { get; init; }

    /// <summary>Model that embeds texts for similarity (classification examples, autocomplete contexts, search).</summary>
    public string EmbeddingModel { get; init; } = "all-minilm";

    /// <summary>Scheduler priority of log analysis requests (batch work, below the interactive ones).</summary>
    [Range(0, 9)]
    public int LogPriority { get; init; } = 2;

    /// <summary>Scheduler priority of classification requests.</summary>
    [Range(0, 9)]
    public int ClassifyPriority { get; init; } = 5;

    /// <summary>Scheduler priority of autocomplete requests (a technician is typing).</summary>
    [Range(0, 9)]
    public int AutocompletePriority { get; init; } = 7;

    /// <summary>How long an assistant waits for its model before the fallback answers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan ModelTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A rules file (regex → analysis) read before the shipped defaults; relative to the data home.</summary>
    public string? RulesFile { get; init; }

    /// <summary>Largest log upload or request body the log analysis accepts, in bytes.</summary>
    [Range(1L, 1L << 34)]
    public long MaxLogBytes { get; init; } = 64L << 20;

    /// <summary>Most log lines one analysis request may carry.</summary>
    [Range(1, 10_000_000)]
    public int MaxLogLines { get; init; } = 1_000_000;

    /// <summary>Most distinct templates one analysis asks the model about; the rest are answered by the rules.</summary>
    [Range(0, 100_000)]
    public int MaxModelTemplates { get; init; } = 200;

    /// <summary>Most texts one classification request may carry.</summary>
    [Range(1, 100_000)]
    public int MaxClassifyTexts { get; init; } = 256;

    /// <summary>Most categories one classification request may name.</summary>
    [Range(2, 1_000)]
    public int MaxCategories { get; init; } = 100;

    /// <summary>Most labelled examples one classification request may carry.</summary>
    [Range(0, 100_000)]
    public int MaxExamples { get; init; } = 1_000;

    /// <summary>Longest text (characters) a classification text, example or autocomplete value may be.</summary>
    [Range(1, 10_000_000)]
    public int MaxTextLength { get; init; } = 32_768;

    /// <summary>Most suggestions one autocomplete request may ask for.</summary>
    [Range(1, 100)]
    public int MaxSuggestions { get; init; } = 20;

    /// <summary>Accepted values at or above which autocomplete answers from history without asking the model.</summary>
    [Range(0, 1_000)]
    public int AutocompleteHistoryThreshold { get; init; } = 3;

    /// <summary>Deepest nesting of objects and lists an autocomplete context may have (the context itself is level 1).</summary>
    [Range(1, 64)]
    public int MaxContextDepth { get; init; } = 4;

    /// <summary>Most accepted values autocomplete keeps; past it the least recently used are forgotten.</summary>
    [Range(1, 100_000_000)]
    public int AutocompleteMaxEntries { get; init; } = 100_000;

    /// <summary>Most texts one search collection keeps (analytics/search.db); adding past it is refused.</summary>
    [Range(1, 10_000_000)]
    public int MaxSearchTexts { get; init; } = 100_000;

    /// <summary>Readings kept per anomaly detector (analytics/telemetry.db) for retraining; older ones are dropped.</summary>
    [Range(100, 100_000_000)]
    public int TelemetryMaxReadings { get; init; } = 100_000;

    /// <summary>How often every trained anomaly detector is retrained on its stored readings (safely: see retrain); 0: never.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "49.00:00:00")]
    public TimeSpan AnomalyRetrainInterval { get; init; } = TimeSpan.Zero;

    /// <summary>MQTT broker for alerts and telemetry (mqtt://HOST:PORT or HOST:PORT); empty: no MQTT.</summary>
    public string? MqttBroker { get; init; }

    /// <summary>Topic alerts are published to (one JSON message per raised or cleared alert).</summary>
    public string MqttAlertTopic { get; init; } = "airgap/alerts";

    /// <summary>Topic prefix whose next level names the detector: a message on PREFIX/pump-3 is telemetry for pump-3.</summary>
    public string MqttTelemetryTopic { get; init; } = "airgap/telemetry";
}
