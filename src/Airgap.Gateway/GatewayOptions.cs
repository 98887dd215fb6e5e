using System.ComponentModel.DataAnnotations;

namespace Airgap.Gateway;

/// <summary>
/// The edge gateway and its workers: where NATS is, how long a job may wait and run unheard, and how priorities age.
/// `airgap serve` binds the `Gateway` section; `airgap worker` takes the same keys.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>True: requests become jobs on NATS JetStream for workers to run (`serve --gateway`).</summary>
    public bool Enabled { get; init; }

    /// <summary>NATS server addresses, comma-separated (nats://127.0.0.1:4222); several for a cluster.</summary>
    public string Nats { get; init; } = "";

    /// <summary>NATS user name (with <see cref="NatsPassword"/>), when nats-server has an authorization block.</summary>
    public string? NatsUser { get; init; }

    /// <summary>NATS password of <see cref="NatsUser"/>.</summary>
    public string? NatsPassword { get; init; }

    /// <summary>A NATS credentials file (JWT and NKey seed), instead of a user and password.</summary>
    public string? NatsCredsFile { get; init; }

    /// <summary>The CA certificate (PEM) that signed nats-server's TLS certificate, for tls:// addresses.</summary>
    public string? NatsCaFile { get; init; }

    /// <summary>How long a synchronous request waits for a worker to start its job before a 503 (or a task's rules).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a running job may go without word from its worker before JetStream gives it to another.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00")]
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most times a job is handed out (a job that kills every worker that takes it stops after this many).</summary>
    [Range(1, 100)]
    public int MaxDeliver { get; init; } = 5;

    /// <summary>Copies of the job stream (3 on a three-node cluster: losing one node loses no job).</summary>
    [Range(1, 5)]
    public int Replicas { get; init; } = 1;

    /// <summary>Most jobs waiting in the stream; past it a request gets a 503.</summary>
    [Range(1, 10_000_000)]
    public long MaxQueuedJobs { get; init; } = 100_000;

    /// <summary>How long an Idempotency-Key is remembered: the same key inside it queues no second job.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdempotencyWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a job's wait raises its priority by one: a p0 job overtakes a fresh p9 one after 10 of these.</summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "01:00:00")]
    public TimeSpan AgingStep { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Where `airgap worker` serves its Prometheus metrics (http://HOST:PORT, /metrics): its generations, loaded models and
    /// their memory, its queue; none when empty. Loopback unless a site names another address.
    /// </summary>
    public string? WorkerMetricsUrl { get; init; }

    /// <summary>How often a worker announces itself (models, slots, running jobs) to the gateways.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);
}
