using Airgap.Inference.Errors;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// The bounded queue in front of a model's runner: higher priority first, FIFO within a priority, and a waiting
/// request gains one level for every <see cref="AgingInterval"/> it waits, so nothing starves. A request that leaves
/// is taken out at once; closing the queue ends everything in it.
/// </summary>
public sealed class PriorityRequestQueue(string model, int capacity, TimeProvider clock)
{
    /// <summary>How long a request waits before it ages up one priority level.</summary>
    public static readonly TimeSpan AgingInterval = TimeSpan.FromSeconds(30);

    private readonly List<(QueuedJob Job, long Order)> _waiting = [];
    private readonly Lock _gate = new();
    private long _order;
    private Exception? _closed;

    /// <summary>Raised after each enqueue, so the runner can wake.</summary>
    public event Action? Enqueued;

    public int Count
    {
        get { lock (_gate) return _waiting.Count; }
    }

    /// <summary>Waiting jobs by the priority they were queued with (not aged), for metrics.</summary>
    public IReadOnlyDictionary<int, int> CountByPriority()
    {
        lock (_gate) return _waiting.CountBy(w => w.Job.Priority).ToDictionary();
    }

    /// <summary>Adds a job, or throws <see cref="QueueFullException"/> at once when the queue is full.</summary>
    public void Enqueue(QueuedJob job)
    {
        lock (_gate)
        {
            if (_closed is not null) throw new ShuttingDownException();
            if (_waiting.Count >= capacity) throw new QueueFullException(model, capacity, TimeSpan.FromSeconds(1));
            _waiting.Add((job, _order++));
        }
        Enqueued?.Invoke();
    }

    /// <summary>Takes the job with the highest aged priority (oldest first among equals) of those <paramref name="takeable"/> accepts.</summary>
    public QueuedJob? TryDequeue(Func<QueuedJob, bool>? takeable = null)
    {
        List<QueuedJob> cancelled;
        QueuedJob? job = null;
        lock (_gate)
        {
            cancelled = _waiting.Where(w => w.Job.Cancellation.IsCancellationRequested).Select(w => w.Job).ToList();
            _waiting.RemoveAll(w => w.Job.Cancellation.IsCancellationRequested);
            var now = clock.GetUtcNow();
            var best = -1;
            for (var i = 0; i < _waiting.Count; i++)
            {
                if (takeable is not null && !takeable(_waiting[i].Job)) continue;
                if (best < 0) { best = i; continue; }
                var (a, b) = (EffectivePriority(_waiting[i].Job, now), EffectivePriority(_waiting[best].Job, now));
                if (a > b || (a == b && _waiting[i].Order < _waiting[best].Order)) best = i;
            }
            if (best >= 0)
            {
                job = _waiting[best].Job;
                _waiting.RemoveAt(best);
            }
        }
        foreach (var c in cancelled) c.Fail(c.CancelReason);
        return job;
    }

    /// <summary>Takes a job out because its client left or its deadline passed, and tells it so; false when it was not waiting.</summary>
    public bool Remove(QueuedJob job)
    {
        lock (_gate)
            if (_waiting.RemoveAll(w => ReferenceEquals(w.Job, job)) == 0) return false;
        job.Fail(job.CancelReason);
        return true;
    }

    /// <summary>Refuses new jobs and ends every waiting one with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        List<QueuedJob> waiting;
        lock (_gate)
        {
            _closed ??= reason;
            waiting = _waiting.Select(w => w.Job).ToList();
            _waiting.Clear();
        }
        foreach (var job in waiting) job.Abort(reason);
    }

    private static long EffectivePriority(QueuedJob job, DateTimeOffset now) =>
        job.Priority + (long)((now - job.EnqueuedAt) / AgingInterval);
}
