namespace Airgap.Server.Jobs;

/// <summary>
/// Set on a replayed request only, in process (an HttpContext feature, never a header, so no HTTP request can forge
/// it): the request runs as <see cref="Identity"/> and is never turned into a job again.
/// </summary>
public sealed record JobReplayFeature(string JobId, string Identity);
