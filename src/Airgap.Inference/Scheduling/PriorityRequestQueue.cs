using Airgap.Inference.Errors;
using Airgap.Inference.Generation;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// The bounded queue in front of a model's runner: higher priority first, FIFO within a priority, and a waiting
/// request gains one level for every <see cref="AgingInterval"/> it waits, so nothing starves.
/// </summary>
public sealed class PriorityRequestQueue(string model, int capacity, TimeProvider clock)
{
    /// <summary>How long a request waits before it ages up one priority level.</summary>
    public static readonly TimeSpan AgingInterval = TimeSpan.FromSeconds(30);

    private readonly List<(GenerationJob Job, long Order)> _waiting = [];
    private readonly Lock _gate = new();
    private long _order;

    /// <summary>Raised after each enqueue, so the runner can wake.</summary>
    public event Action? Enqueued;

    public int Count
    {
        get { lock (_gate) return _waiting.Count; }
    }

    /// <summary>Adds a job, or throws <see cref="QueueFullException"/> at once when the queue is full.</summary>
    public void Enqueue(GenerationJob job)
    {
        lock (_gate)
        {
            if (_waiting.Count >= capacity) throw new QueueFullException(model, capacity, TimeSpan.FromSeconds(1));
            _waiting.Add((job, _order++));
        }
        Enqueued?.Invoke();
    }

    /// <summary>Takes the job with the highest aged priority (oldest first among equals); cancelled jobs are dropped.</summary>
    public GenerationJob? TryDequeue()
    {
        lock (_gate)
        {
            _waiting.RemoveAll(w => w.Job.Cancellation.IsCancellationRequested && Cancel(w.Job));
            if (_waiting.Count == 0) return null;
            var now = clock.GetUtcNow();
            var best = 0;
            for (var i = 1; i < _waiting.Count; i++)
            {
                var (a, b) = (EffectivePriority(_waiting[i].Job, now), EffectivePriority(_waiting[best].Job, now));
                if (a > b || (a == b && _waiting[i].Order < _waiting[best].Order)) best = i;
            }
            var job = _waiting[best].Job;
            _waiting.RemoveAt(best);
            return job;
        }
    }

    private static long EffectivePriority(GenerationJob job, DateTimeOffset now) =>
        job.Priority + (long)((now - job.EnqueuedAt) / AgingInterval);

    private static bool Cancel(GenerationJob job)
    {
        job.Output.Writer.TryWrite(new GenerationEvent("", DoneReason.Cancelled));
        job.Output.Writer.TryComplete();
        return true;
    }
}
