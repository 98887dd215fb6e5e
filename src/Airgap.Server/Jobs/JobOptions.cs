using System.ComponentModel.DataAnnotations;

namespace Airgap.Server.Jobs;

/// <summary>
/// Asynchronous requests (`Prefer: respond-async`): how many run at once, how many one caller may have waiting, how
/// large a stored request may be and how long results are kept. Every property is a key of the `Jobs` section.
/// </summary>
public sealed record JobOptions
{
    /// <summary>
    /// Jobs run at once; null: half of Inference:Parallel (at least 1), so synchronous requests keep the rest, or at a
    /// gateway (whose jobs run on its workers and mostly wait) <see cref="GatewayParallel"/>; 0: run none.
    /// </summary>
    [Range(0, 1024)]
    public int? Parallel { get; init; }

    /// <summary>Jobs one caller may have queued or running; one more is a 429 naming this setting.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedPerCaller { get; init; } = 100;

    /// <summary>Largest request body stored as a job; more is a 413 naming this setting.</summary>
    [Range(1L, 1L << 30)]
    public long MaxBodyBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>How long a finished job keeps its result; then it reads `expired` for as long again, then is gone.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ResultRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long a queued job waits before it gains one priority level, so low priority is never starved.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AgingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Jobs run at once under <paramref name="inferenceParallel"/>.</summary>
    public int EffectiveParallel(int inferenceParallel) => Parallel ?? Math.Max(1, inferenceParallel / 2);

    /// <summary>Jobs a gateway runs at once when Jobs:Parallel is not set: each is a wait on the job stream, not a decode slot here.</summary>
    public const int GatewayParallel = 256;
}
