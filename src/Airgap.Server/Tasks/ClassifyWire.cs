using System.Text.Json.Serialization;

namespace Airgap.Server.Tasks;

/// <summary>A labelled example in a classification request.</summary>
public sealed record ClassifyExample(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("label")] string? Label);

/// <summary>POST /v1/classify: one text or a list, the categories, optional examples and model.</summary>
public sealed record ClassifyRequest(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("texts")] IReadOnlyList<string?>? Texts,
    [property: JsonPropertyName("categories")] IReadOnlyList<string?>? Categories,
    [property: JsonPropertyName("examples")] IReadOnlyList<ClassifyExample?>? Examples,
    [property: JsonPropertyName("model")] string? Model);

/// <summary>One text's category, what gave it, and for the embedding fallback its similarity to the nearest example.</summary>
public sealed record ClassifyResult(
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("confidence"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Confidence,
    [property: JsonPropertyName("nearest_example"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NearestExample);

/// <summary>The answer to POST /v1/classify: results in request order, the model asked, and why anything fell back.</summary>
public sealed record ClassifyResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<ClassifyResult> Results,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(ClassifyResponse))]
internal sealed partial class ClassifyJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped.</summary>
    public static ClassifyJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
