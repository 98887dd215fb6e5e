namespace Airgap.Server.Jobs;

/// <summary>
/// A job to store: the request to replay, its caller, priority and model, and the caller's Idempotency-Key with a
/// digest of the request, so a repeated key for another request is told apart from a retry of the same one.
/// </summary>
public sealed record NewJob(
    string Identity,
    string? IdempotencyKey,
    string RequestDigest,
    int Priority,
    string? Model,
    string Method,
    string Path,
    string Query,
    string? ContentType,
    string? PriorityHeader,
    byte[] Body);
