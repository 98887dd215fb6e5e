using Airgap.Models.Packs;

namespace Airgap.Models.Catalog;

/// <summary>One registered version of a model: its files, what validation found, and who signed it.</summary>
public sealed record ModelVersion(
    string Name,
    string Version,
    string Format,
    string Digest,
    long Size,
    IReadOnlyList<PackFile> Files,
    string? Quantization,
    long? ParameterCount,
    string MetadataJson,
    string? SignerKeyId,
    string Source,
    DateTimeOffset ValidatedAt,
    DateTimeOffset ImportedAt,
    string? Description,
    string? License,
    bool IsActive)
{
    /// <summary>NAME@VERSION, as the CLI spells a pinned version.</summary>
    public string Reference => $"{Name}@{Version}";
}
