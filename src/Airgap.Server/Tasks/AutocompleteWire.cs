using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/autocomplete/record: a value a technician accepted for a parameter in a context.</summary>
public sealed record AutocompleteRecordRequest(
    [property: JsonPropertyName("context")] JsonElement? Context,
    [property: JsonPropertyName("parameter")] string? Parameter,
    [property: JsonPropertyName("value")] JsonElement? Value);

/// <summary>The stored acceptance: how often the value has now been accepted in this context.</summary>
public sealed record AutocompleteRecordResponse(
    [property: JsonPropertyName("parameter")] string Parameter,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("last_used")] DateTimeOffset LastUsed);

/// <summary>POST /v1/autocomplete: suggestions for a parameter in a context.</summary>
public sealed record AutocompleteRequest(
    [property: JsonPropertyName("context")] JsonElement? Context,
    [property: JsonPropertyName("parameter")] string? Parameter,
    [property: JsonPropertyName("limit")] int? Limit,
    [property: JsonPropertyName("model")] string? Model);

/// <summary>One suggested value and where it came from.</summary>
public sealed record AutocompleteSuggestion(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("last_used")] DateTimeOffset? LastUsed);

/// <summary>The answer to POST /v1/autocomplete: ranked suggestions and why any source was skipped.</summary>
public sealed record AutocompleteResponse(
    [property: JsonPropertyName("parameter")] string Parameter,
    [property: JsonPropertyName("suggestions")] IReadOnlyList<AutocompleteSuggestion> Suggestions,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(AutocompleteRecordRequest))]
[JsonSerializable(typeof(AutocompleteRecordResponse))]
[JsonSerializable(typeof(AutocompleteRequest))]
[JsonSerializable(typeof(AutocompleteResponse))]
internal sealed partial class AutocompleteJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped.</summary>
    public static AutocompleteJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
