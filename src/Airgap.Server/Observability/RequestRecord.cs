using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Observability;

/// <summary>
/// What one HTTP request did, filled as it goes: the middleware sets the HTTP side, the chat pipeline the model side
/// (model, tokens, queue wait, time to first token, priority), an error mapper the reason of a refusal. Never the key
/// itself, never the prompt.
/// </summary>
public sealed class RequestRecord
{
    private readonly Lock _gate = new();

    public required DateTimeOffset Time { get; init; }
    public required string Method { get; init; }
    public string Route { get; set; } = "";
    public int Status { get; set; }
    public string KeyId { get; set; } = "anonymous";
    public TimeSpan Total { get; set; }

    /// <summary>The model the caller named; <see cref="Model"/> once one served it.</summary>
    public string? RequestedModel { get; private set; }

    /// <summary>The model version that served the request (NAME:TAG@X.Y.Z), null when none did.</summary>
    public string? Model { get; private set; }

    public int? Priority { get; private set; }
    public int? PromptTokens { get; private set; }
    public int? GeneratedTokens { get; private set; }
    public TimeSpan? QueueWait { get; private set; }
    public TimeSpan? TimeToFirstToken { get; private set; }

    /// <summary>The error code of a refusal (<c>queue_full</c>, <c>model_not_found</c>…) and its message, when one was written.</summary>
    public (string Code, string Message)? Refusal { get; private set; }

    /// <summary>The record of <paramref name="http"/>, when the request-records middleware runs in front of it.</summary>
    public static RequestRecord? Of(HttpContext http) => http.Features.Get<RequestRecord>();

    /// <summary>A generation begins: the model asked for and the request's priority.</summary>
    public void Asked(string? model, int priority)
    {
        lock (_gate)
        {
            RequestedModel ??= model;
            Priority ??= priority;
        }
    }

    /// <summary>
    /// A generation ended; a request that runs several (a task asking the model twice) sums their tokens and keeps
    /// the first one's waits.
    /// </summary>
    public void Generated(string? model, int? promptTokens, int? generatedTokens, TimeSpan? queueWait, TimeSpan? timeToFirstToken)
    {
        lock (_gate)
        {
            Model ??= model;
            if (promptTokens is { } p) PromptTokens = (PromptTokens ?? 0) + p;
            if (generatedTokens is { } g) GeneratedTokens = (GeneratedTokens ?? 0) + g;
            QueueWait ??= queueWait;
            TimeToFirstToken ??= timeToFirstToken;
        }
    }

    /// <summary>
    /// The HTTP status a refusal stands for where the wire said 200: a gRPC call refused with a gRPC status (UNAUTHENTICATED
    /// is a 401) is logged and counted as that status.
    /// </summary>
    public int? EquivalentStatus { get; private set; }

    /// <summary>
    /// The request was answered with an error carrying <paramref name="code"/>; <paramref name="equivalentStatus"/> when
    /// the protocol's HTTP status stays 200 (gRPC). The first refusal of a request is the one kept.
    /// </summary>
    public void Refused(string code, string message, int? equivalentStatus = null)
    {
        lock (_gate)
        {
            if (Refusal is not null) return;
            Refusal = (code, message);
            EquivalentStatus = equivalentStatus;
        }
    }
}
