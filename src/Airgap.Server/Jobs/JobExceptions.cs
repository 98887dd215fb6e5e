namespace Airgap.Server.Jobs;

/// <summary>No job with this id belongs to the caller (another caller's job is not found either).</summary>
public sealed class JobNotFoundException(string id) : Exception($"no job '{id}' for this caller")
{
    public string Id { get; } = id;
}

/// <summary>The caller already has as many jobs queued or running as Jobs:MaxQueuedPerCaller allows.</summary>
public sealed class TooManyJobsException(int limit)
    : Exception($"this caller already has {limit} jobs queued or running (Jobs:MaxQueuedPerCaller); wait for some to finish or cancel them")
{
    public int Limit { get; } = limit;
}

/// <summary>An Idempotency-Key the caller already used for a different request.</summary>
public sealed class IdempotencyKeyReusedException(string jobId)
    : Exception($"this Idempotency-Key was already used for a different request (job {jobId}); use a new key for a new request")
{
    public string JobId { get; } = jobId;
}
