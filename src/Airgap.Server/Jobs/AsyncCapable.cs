using Microsoft.AspNetCore.Builder;

namespace Airgap.Server.Jobs;

/// <summary>
/// Marks an endpoint that may be run as a job under `Prefer: respond-async`: whether its body must name a model (checked
/// before the job is stored), whether it streams by default (a job runs it with `"stream": false`) and whether it reads
/// only JSON (an endpoint that also takes multipart, text or CSV has its JSON checked only when it is sent as JSON).
/// </summary>
public sealed record AsyncCapable(bool ModelRequired, bool Streams, bool JsonOnly);

/// <summary>The mapping side of <see cref="AsyncCapable"/>.</summary>
public static class AsyncCapableEndpoints
{
    /// <summary>Lets <c>Prefer: respond-async</c> turn a request to this endpoint into a job.</summary>
    public static RouteHandlerBuilder AllowRespondAsync(this RouteHandlerBuilder builder, bool modelRequired = false, bool streams = false,
        bool jsonOnly = true) =>
        builder.WithMetadata(new AsyncCapable(modelRequired, streams, jsonOnly));
}
