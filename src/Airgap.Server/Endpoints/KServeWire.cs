using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.Endpoints;

/// <summary>A tensor as the KServe v2 / Open Inference Protocol writes it: name, shape, datatype, data (flat or nested, row-major).</summary>
public sealed record KServeTensor(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("shape")] long[]? Shape,
    [property: JsonPropertyName("datatype")] string? Datatype,
    [property: JsonPropertyName("data")] JsonElement? Data);

/// <summary>An output the caller asks for.</summary>
public sealed record KServeRequestedOutput([property: JsonPropertyName("name")] string? Name);

/// <summary>POST /v2/models/{name}/infer.</summary>
public sealed record KServeInferRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("inputs")] IReadOnlyList<KServeTensor?>? Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<KServeRequestedOutput?>? Outputs);

/// <summary>An output tensor of a response (data flat, row-major).</summary>
public sealed record KServeOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] long[] Shape,
    [property: JsonPropertyName("data")] JsonElement Data);

public sealed record KServeInferResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonPropertyName("outputs")] IReadOnlyList<KServeOutput> Outputs);

public sealed record KServeTensorMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape);

public sealed record KServeModelMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("versions")] IReadOnlyList<string> Versions,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("inputs")] IReadOnlyList<KServeTensorMetadata> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<KServeTensorMetadata> Outputs);

public sealed record KServeServerMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("extensions")] IReadOnlyList<string> Extensions);

public sealed record KServeError([property: JsonPropertyName("error")] string Error);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(KServeInferRequest))]
[JsonSerializable(typeof(KServeInferResponse))]
[JsonSerializable(typeof(KServeModelMetadata))]
[JsonSerializable(typeof(KServeServerMetadata))]
[JsonSerializable(typeof(KServeError))]
[JsonSerializable(typeof(float[]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(bool[]))]
[JsonSerializable(typeof(sbyte[]))]
[JsonSerializable(typeof(short[]))]
internal sealed partial class KServeJsonContext : JsonSerializerContext
{
    public static KServeJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
