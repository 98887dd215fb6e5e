using System.Text.Json.Serialization;

namespace Airgap.Models.Packs;

/// <summary>One file a pack carries: a plain relative name, its SHA-256 and its size in bytes.</summary>
public sealed record PackFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size);

/// <summary>manifest.json: what a pack holds, signed byte-for-byte by manifest.sig.</summary>
public sealed record PackManifest(
    [property: JsonPropertyName("schema_version")] int SchemaVersion,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("files")] IReadOnlyList<PackFile> Files,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("license")] string? License)
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    public const string FileName = "manifest.json";
    public const string SignatureFileName = "manifest.sig";
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PackManifest))]
internal sealed partial class PackJsonContext : JsonSerializerContext;
