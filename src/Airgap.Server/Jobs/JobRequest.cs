namespace Airgap.Server.Jobs;

/// <summary>
/// What is replayed to run a job: the request as it arrived (body with `"stream": false` where the endpoint streams),
/// the caller's identity (an API key's id, never the key) and the headers the endpoint reads. Nothing else is kept.
/// </summary>
public sealed record JobRequest(
    string Id,
    string Identity,
    string Method,
    string Path,
    string Query,
    string? ContentType,
    string? PriorityHeader,
    byte[] Body,
    int Attempts);
