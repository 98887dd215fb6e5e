using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.Tasks;

/// <summary>One text to add: an optional id (default: derived from the text), the text, optional metadata (any JSON).</summary>
public sealed record SearchTextRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata);

/// <summary>POST /v1/search/{collection}/texts.</summary>
public sealed record SearchAddRequest([property: JsonPropertyName("texts")] IReadOnlyList<SearchTextRequest?>? Texts);

/// <summary>The ids of the texts in request order, how many were new, how many the collection holds, and notes.</summary>
public sealed record SearchAddResponse(
    [property: JsonPropertyName("collection")] string Collection,
    [property: JsonPropertyName("ids")] IReadOnlyList<string> Ids,
    [property: JsonPropertyName("added")] int Added,
    [property: JsonPropertyName("embedded")] bool Embedded,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);

/// <summary>POST /v1/search/{collection}: the query and how many results.</summary>
public sealed record SearchQueryRequest(
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("limit")] int? Limit);

/// <summary>One result.</summary>
public sealed record SearchResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Metadata);

/// <summary>The results, best first, and what ranked them: `embeddings` (by meaning) or `keywords` (the fallback).</summary>
public sealed record SearchQueryResponse(
    [property: JsonPropertyName("collection")] string Collection,
    [property: JsonPropertyName("results")] IReadOnlyList<SearchResult> Results,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);

/// <summary>A collection and how many texts it holds.</summary>
public sealed record SearchCollection(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("texts")] long Texts);

/// <summary>GET /v1/search.</summary>
public sealed record SearchCollectionsResponse([property: JsonPropertyName("collections")] IReadOnlyList<SearchCollection> Collections);

/// <summary>What a removal removed.</summary>
public sealed record SearchRemovedResponse(
    [property: JsonPropertyName("collection")] string Collection,
    [property: JsonPropertyName("removed")] int Removed);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(SearchAddRequest))]
[JsonSerializable(typeof(SearchAddResponse))]
[JsonSerializable(typeof(SearchQueryRequest))]
[JsonSerializable(typeof(SearchQueryResponse))]
[JsonSerializable(typeof(SearchCollectionsResponse))]
[JsonSerializable(typeof(SearchRemovedResponse))]
internal sealed partial class SearchJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped.</summary>
    public static SearchJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
