using Airgap.Server.Jobs;

namespace Airgap.Server.Hosting;

/// <summary>How `airgap serve` runs: where it listens and which drop folders it watches.</summary>
public sealed record ServerOptions
{
    /// <summary>The default listen address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Folders (USB mounts, shares) whose new packs are imported with every check.</summary>
    public IReadOnlyList<string> WatchFolders { get; init; } = [];

    /// <summary>Folders /api/pull looks in for packs by name, besides the watched folders.</summary>
    public IReadOnlyList<string> PackSources { get; init; } = [];

    /// <summary>API keys; when any is set, every endpoint but /health needs one.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    /// <summary>Limits of inference: loaded models, parallel sequences, context, queue.</summary>
    public Inference.Scheduling.InferenceOptions Inference { get; init; } = new();

    /// <summary>The text assistants: their models, priorities, timeouts and request bounds.</summary>
    public Analytics.AnalyticsOptions Analytics { get; init; } = new();

    /// <summary>Asynchronous requests: how many run at once, per-caller bound, stored body size, result retention.</summary>
    public JobOptions Jobs { get; init; } = new();

    /// <summary>The edge gateway: when enabled, chat requests become jobs on NATS JetStream for `airgap worker`s.</summary>
    public Gateway.GatewayOptions Gateway { get; init; } = new();

    /// <summary>Per-caller rate and in-flight limits (off by default).</summary>
    public FairnessOptions Fairness { get; init; } = new();

    /// <summary>HTTPS with the site's certificate, and client certificates checked against its CA.</summary>
    public TlsOptions Tls { get; init; } = new();

    /// <summary>The HTTP/2-only address that serves gRPC in the clear (off by default; over HTTPS gRPC needs none).</summary>
    public GrpcOptions Grpc { get; init; } = new();

    /// <summary>The console log's format.</summary>
    public Observability.LogFormat LogFormat { get; init; } = Observability.LogFormat.Simple;

    /// <summary>How often the watched folders are scanned.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(5);
}
