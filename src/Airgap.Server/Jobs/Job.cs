namespace Airgap.Server.Jobs;

/// <summary>A stored asynchronous request as its caller sees it; <see cref="Result"/> is the body the synchronous call answered.</summary>
public sealed record Job(
    string Id,
    string Status,
    int Priority,
    string? Model,
    string Path,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    int? ResultStatus,
    string? ResultType,
    byte[]? Result);

/// <summary>The states of a job: queued → running → done | failed | cancelled → expired (its result removed).</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    /// <summary>Every state, for checking a `?status=` filter.</summary>
    public static readonly IReadOnlyList<string> All = [Queued, Running, Done, Failed, Cancelled, Expired];
}
