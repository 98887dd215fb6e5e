using System.Text.Json.Serialization;

namespace Airgap.Server.Endpoints;

public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("models")] int Models,
    [property: JsonPropertyName("version")] string Version);

public sealed record ReadyModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("loaded")] bool Loaded);

public sealed record ReadyResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("models")] IReadOnlyList<ReadyModel> Models);

public sealed record OllamaVersionResponse([property: JsonPropertyName("version")] string Version);

public sealed record OllamaModelDetails(
    [property: JsonPropertyName("parent_model")] string ParentModel,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("families")] IReadOnlyList<string> Families,
    [property: JsonPropertyName("parameter_size")] string ParameterSize,
    [property: JsonPropertyName("quantization_level")] string QuantizationLevel);

public sealed record OllamaModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("modified_at")] DateTimeOffset ModifiedAt,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("details")] OllamaModelDetails Details);

public sealed record OllamaTagsResponse([property: JsonPropertyName("models")] IReadOnlyList<OllamaModel> Models);

public sealed record OpenAiModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy);

public sealed record OpenAiModelList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<OpenAiModel> Data);

[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(OllamaVersionResponse))]
[JsonSerializable(typeof(OllamaTagsResponse))]
[JsonSerializable(typeof(OpenAiModelList))]
[JsonSerializable(typeof(OpenAiModel))]
internal sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped, as Ollama and OpenAI do.</summary>
    public static ServerJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
