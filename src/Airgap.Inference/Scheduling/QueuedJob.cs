using Airgap.Inference.Generation;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// Work waiting in a model's queue (a generation or a batch of embeddings): its priority, when it arrived, and how it
/// is stopped. <see cref="Cancellation"/> fires when the client leaves or the deadline passes; <see cref="Deadline"/>
/// tells the two apart.
/// </summary>
public abstract class QueuedJob(int priority, DateTimeOffset enqueuedAt, CancellationToken cancellation, CancellationToken deadline)
{
    public int Priority { get; } = priority;
    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;
    public CancellationToken Cancellation { get; } = cancellation;
    public CancellationToken Deadline { get; } = deadline;

    /// <summary>Why a cancelled job ended: its deadline passed, or its client left.</summary>
    public DoneReason CancelReason => Deadline.IsCancellationRequested ? DoneReason.Timeout : DoneReason.Cancelled;

    /// <summary>Ends the job without a result (cancelled, timed out, refused, or the model unloading); safe to call twice.</summary>
    public abstract void Fail(DoneReason reason, string? error = null);

    /// <summary>Ends the job with <paramref name="reason"/> (the model unloading, the server stopping).</summary>
    public abstract void Abort(Exception reason);
}
