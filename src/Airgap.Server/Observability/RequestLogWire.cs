using System.Text.Json.Serialization;

namespace Airgap.Server.Observability;

/// <summary>GET /api/airgap/requests: the last requests, newest first.</summary>
public sealed record RequestLogResponse([property: JsonPropertyName("requests")] IReadOnlyList<RequestLogEntry> Requests);

/// <summary>One finished request as the dashboard reads it; a figure not known for it (no model ran) is null.</summary>
public sealed record RequestLogEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("prompt_tokens")] int? PromptTokens,
    [property: JsonPropertyName("generated_tokens")] int? GeneratedTokens,
    [property: JsonPropertyName("queue_ms")] double? QueueMs,
    [property: JsonPropertyName("ttft_ms")] double? TtftMs,
    [property: JsonPropertyName("total_ms")] double TotalMs,
    [property: JsonPropertyName("priority")] int? Priority,
    [property: JsonPropertyName("key_id")] string KeyId);

[JsonSerializable(typeof(RequestLogResponse))]
internal sealed partial class ObservabilityJsonContext : JsonSerializerContext;
