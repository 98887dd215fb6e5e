using Airgap.Inference.Generation;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// Token lists to embed, queued like a generation; the runner embeds one input per step between decode steps, so a
/// large batch never freezes generating streams and a cancelled one stops between inputs.
/// </summary>
public sealed class EmbeddingJob(IReadOnlyList<int[]> inputs, int priority, DateTimeOffset enqueuedAt,
    CancellationToken cancellation, CancellationToken deadline = default)
    : QueuedJob(priority, enqueuedAt, cancellation, deadline)
{
    public IReadOnlyList<int[]> Inputs { get; } = inputs;

    /// <summary>Vectors so far, in input order.</summary>
    public float[][] Vectors { get; } = new float[inputs.Count][];

    /// <summary>How many inputs are embedded.</summary>
    public int Done { get; set; }

    public TaskCompletionSource<float[][]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(DoneReason reason, string? error = null)
    {
        switch (reason)
        {
            case DoneReason.Cancelled:
                Result.TrySetCanceled(Cancellation);
                break;
            case DoneReason.Timeout:
                Result.TrySetException(new Errors.RequestTimeoutException());
                break;
            default:
                Result.TrySetException(new InvalidOperationException(error ?? "embedding failed"));
                break;
        }
    }

    public override void Abort(Exception reason) => Result.TrySetException(reason);
}
