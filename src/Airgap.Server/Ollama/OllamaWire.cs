using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.Ollama;

public sealed record OllamaGenerateRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("prompt")] string? Prompt,
    [property: JsonPropertyName("suffix")] string? Suffix,
    [property: JsonPropertyName("system")] string? System,
    [property: JsonPropertyName("format")] JsonElement? Format,
    [property: JsonPropertyName("options")] Dictionary<string, JsonElement>? Options,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("raw")] bool? Raw,
    [property: JsonPropertyName("keep_alive")] JsonElement? KeepAlive,
    [property: JsonPropertyName("priority")] int? Priority,
    [property: JsonPropertyName("images")] JsonElement? Images = null);

// Ollama writes a tool call as {"function":{"name","arguments"}}: fields a request does not set stay out.
public sealed record OllamaToolFunction(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonPropertyName("parameters"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Parameters,
    [property: JsonPropertyName("arguments"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Arguments);

public sealed record OllamaToolCall([property: JsonPropertyName("function")] OllamaToolFunction? Function);

public sealed record OllamaTool(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("function")] OllamaToolFunction? Function);

public sealed record OllamaMessage(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("tool_calls"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OllamaToolCall?>? ToolCalls = null,
    [property: JsonPropertyName("tool_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToolName = null,
    [property: JsonPropertyName("images"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Images = null);

public sealed record OllamaChatRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<OllamaMessage?>? Messages,
    [property: JsonPropertyName("tools")] IReadOnlyList<OllamaTool?>? Tools,
    [property: JsonPropertyName("format")] JsonElement? Format,
    [property: JsonPropertyName("options")] Dictionary<string, JsonElement>? Options,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("keep_alive")] JsonElement? KeepAlive,
    [property: JsonPropertyName("priority")] int? Priority);

/// <summary>One line of /api/generate or /api/chat output; the statistics only on the final one.</summary>
public sealed record OllamaResponse
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("response"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Response { get; init; }
    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public OllamaMessage? Message { get; init; }
    [JsonPropertyName("done")] public bool Done { get; init; }
    [JsonPropertyName("done_reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? DoneReason { get; init; }
    [JsonPropertyName("total_duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? TotalDuration { get; init; }
    [JsonPropertyName("load_duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? LoadDuration { get; init; }
    [JsonPropertyName("prompt_eval_count"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? PromptEvalCount { get; init; }
    [JsonPropertyName("prompt_eval_duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? PromptEvalDuration { get; init; }
    [JsonPropertyName("eval_count"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? EvalCount { get; init; }
    [JsonPropertyName("eval_duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? EvalDuration { get; init; }
    [JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Error { get; init; }
}

public sealed record OllamaEmbedRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("input")] JsonElement? Input,
    [property: JsonPropertyName("prompt")] string? Prompt,
    [property: JsonPropertyName("truncate")] bool? Truncate,
    [property: JsonPropertyName("keep_alive")] JsonElement? KeepAlive,
    [property: JsonPropertyName("options")] Dictionary<string, JsonElement>? Options);

public sealed record OllamaEmbedResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("embeddings")] IReadOnlyList<float[]> Embeddings,
    [property: JsonPropertyName("total_duration")] long TotalDuration,
    [property: JsonPropertyName("load_duration")] long LoadDuration,
    [property: JsonPropertyName("prompt_eval_count")] int PromptEvalCount);

public sealed record OllamaLegacyEmbedResponse([property: JsonPropertyName("embedding")] float[] Embedding);

public sealed record OllamaModelRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("name")] string? Name);

public sealed record OllamaCopyRequest(
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("destination")] string? Destination);

public sealed record OllamaShowResponse(
    [property: JsonPropertyName("modelfile")] string Modelfile,
    [property: JsonPropertyName("parameters")] string Parameters,
    [property: JsonPropertyName("template")] string Template,
    [property: JsonPropertyName("details")] Endpoints.OllamaModelDetails Details,
    [property: JsonPropertyName("model_info")] Dictionary<string, JsonElement> ModelInfo,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities,
    [property: JsonPropertyName("modified_at")] DateTimeOffset ModifiedAt);

public sealed record OllamaRunningModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("details")] Endpoints.OllamaModelDetails Details,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("size_vram")] long SizeVram,
    [property: JsonPropertyName("running")] int Running,
    [property: JsonPropertyName("queued")] int Queued,
    [property: JsonPropertyName("completed")] long Completed,
    [property: JsonPropertyName("cancelled")] long Cancelled);

public sealed record OllamaPsResponse([property: JsonPropertyName("models")] IReadOnlyList<OllamaRunningModel> Models)
{
    /// <summary>At a gateway: its workers, queue and callers (Airgap's own field; Ollama clients skip it).</summary>
    [JsonPropertyName("gateway"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GatewayPs? Gateway { get; init; }
}

/// <summary>The gateway part of /api/ps.</summary>
public sealed record GatewayPs(
    [property: JsonPropertyName("workers")] IReadOnlyList<GatewayPsWorker> Workers,
    [property: JsonPropertyName("queue")] IReadOnlyList<GatewayPsQueue> Queue,
    [property: JsonPropertyName("in_flight")] IReadOnlyDictionary<string, int> InFlight,
    [property: JsonPropertyName("problem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem);

/// <summary>A worker as its last heartbeat described it.</summary>
public sealed record GatewayPsWorker(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("models")] IReadOnlyList<string> Models,
    [property: JsonPropertyName("parallel")] int Parallel,
    [property: JsonPropertyName("running")] int Running,
    [property: JsonPropertyName("completed")] long Completed,
    [property: JsonPropertyName("started")] DateTimeOffset Started);

/// <summary>Jobs waiting (or running, not yet acked) for one model at one priority.</summary>
public sealed record GatewayPsQueue(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("jobs")] long Jobs);

public sealed record OllamaError([property: JsonPropertyName("error")] string Error);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OllamaGenerateRequest))]
[JsonSerializable(typeof(OllamaChatRequest))]
[JsonSerializable(typeof(OllamaResponse))]
[JsonSerializable(typeof(OllamaEmbedRequest))]
[JsonSerializable(typeof(OllamaEmbedResponse))]
[JsonSerializable(typeof(OllamaLegacyEmbedResponse))]
[JsonSerializable(typeof(OllamaModelRequest))]
[JsonSerializable(typeof(OllamaCopyRequest))]
[JsonSerializable(typeof(OllamaShowResponse))]
[JsonSerializable(typeof(OllamaPsResponse))]
[JsonSerializable(typeof(OllamaError))]
[JsonSerializable(typeof(OllamaPullRequest))]
[JsonSerializable(typeof(OllamaPullStatus))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped, as Ollama does.</summary>
    public static OllamaJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
