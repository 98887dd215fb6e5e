using System.Text.Json.Serialization;

namespace Airgap.Server.Endpoints;

/// <summary>One registered version as GET /api/airgap/models lists it, with whether it is loaded now.</summary>
public sealed record RegistryModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("quantization")] string? Quantization,
    [property: JsonPropertyName("parameter_count")] long? ParameterCount,
    [property: JsonPropertyName("signer")] string? Signer,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("validated_at")] DateTimeOffset ValidatedAt,
    [property: JsonPropertyName("imported_at")] DateTimeOffset ImportedAt,
    [property: JsonPropertyName("loaded")] bool Loaded,
    [property: JsonPropertyName("memory_bytes")] long? MemoryBytes);

public sealed record RegistryModelList([property: JsonPropertyName("models")] IReadOnlyList<RegistryModel> Models);

/// <summary>What `airgap audit verify` reports, over HTTP.</summary>
public sealed record AuditVerification(
    [property: JsonPropertyName("intact")] bool Intact,
    [property: JsonPropertyName("entries")] int Entries,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("registered_versions")] int RegisteredVersions,
    [property: JsonPropertyName("broken_entry_id")] long? BrokenEntryId,
    [property: JsonPropertyName("problem")] string? Problem);

public sealed record AuditRecord(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("actor")] string? Actor,
    [property: JsonPropertyName("hash")] string Hash);

/// <summary>GET /api/airgap/audit: the verification of the whole trail and its newest entries, newest first.</summary>
public sealed record AuditResponse(
    [property: JsonPropertyName("verification")] AuditVerification Verification,
    [property: JsonPropertyName("entries")] IReadOnlyList<AuditRecord> Entries);

[JsonSerializable(typeof(RegistryModelList))]
[JsonSerializable(typeof(AuditResponse))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped, as the rest of the server does.</summary>
    public static RegistryJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
