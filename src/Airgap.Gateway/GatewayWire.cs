using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Gateway;

/// <summary>A job on the stream: one chat request, who sent it, by when it must start and end, and where to answer.</summary>
internal sealed record GatewayJob
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("priority")] public int Priority { get; init; }
    [JsonPropertyName("identity")] public string Identity { get; init; } = "anonymous";
    [JsonPropertyName("created")] public DateTimeOffset Created { get; init; }

    /// <summary>Past this no worker starts the job: its caller has stopped waiting.</summary>
    [JsonPropertyName("start_by")] public DateTimeOffset StartBy { get; init; }

    /// <summary>Past this the job is abandoned, running or not.</summary>
    [JsonPropertyName("deadline")] public DateTimeOffset Deadline { get; init; }

    /// <summary>The subject the worker publishes the job's frames on.</summary>
    [JsonPropertyName("reply")] public required string Reply { get; init; }

    /// <summary>The conversation as M.E.AI serializes <c>ChatMessage</c>s (images as data URIs).</summary>
    [JsonPropertyName("messages")] public JsonElement Messages { get; init; }

    /// <summary>The chat options as M.E.AI serializes them, without tools.</summary>
    [JsonPropertyName("options")] public JsonElement? Options { get; init; }

    /// <summary>The tools offered, as declarations: a worker gives them to the model, never invokes them.</summary>
    [JsonPropertyName("tools")] public List<ToolDeclaration>? Tools { get; init; }
}

/// <summary>A function the model may call: its name, description and JSON schema.</summary>
internal sealed record ToolDeclaration(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("schema")] JsonElement Schema);

/// <summary>What a worker says about a job on its reply subject, in order (<see cref="Seq"/> counts from 0 per attempt).</summary>
internal sealed record JobFrame
{
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("seq")] public int Seq { get; init; }

    /// <summary>Which delivery of the job this is: 2 and more are reruns after a worker was lost.</summary>
    [JsonPropertyName("attempt")] public int Attempt { get; init; }
    [JsonPropertyName("worker")] public string? Worker { get; init; }

    /// <summary>A <c>ChatResponseUpdate</c> as M.E.AI serializes it.</summary>
    [JsonPropertyName("update")] public JsonElement? Update { get; init; }
    [JsonPropertyName("failure")] public JobFailure? Failure { get; init; }
}

/// <summary>The kinds of <see cref="JobFrame"/>.</summary>
internal static class FrameKind
{
    public const string Started = "started";
    public const string Update = "update";
    public const string Alive = "alive";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>What a worker announces every heartbeat.</summary>
public sealed record WorkerHeartbeat
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("host")] public string Host { get; init; } = "";
    [JsonPropertyName("models")] public List<string> Models { get; init; } = [];

    /// <summary>The active version of each model served, so a gateway can list them as its own.</summary>
    [JsonPropertyName("catalog")] public List<ServedModel> Catalog { get; init; } = [];
    [JsonPropertyName("parallel")] public int Parallel { get; init; }
    [JsonPropertyName("running")] public int Running { get; init; }
    [JsonPropertyName("completed")] public long Completed { get; init; }
    [JsonPropertyName("started")] public DateTimeOffset Started { get; init; }
}

/// <summary>A model a worker serves, as the gateway lists it in /api/tags and /v1/models.</summary>
public sealed record ServedModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("parameter_count")] long? ParameterCount,
    [property: JsonPropertyName("quantization")] string? Quantization,
    [property: JsonPropertyName("imported_at")] DateTimeOffset ImportedAt);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayJob))]
[JsonSerializable(typeof(JobFrame))]
[JsonSerializable(typeof(WorkerHeartbeat))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
