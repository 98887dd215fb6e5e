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

    /// <summary>
    /// The vision projector (mmproj) among <see cref="Files"/> that lets the model see images; null for a model that
    /// reads text only. <see cref="Digest"/> is always the language model's own file.
    /// </summary>
    public PackFile? Projector { get; init; }

    /// <summary>What identifies a loaded instance: the model's blob, and its projector's when it has one.</summary>
    public string LoadKey => Projector is null ? Digest : $"{Digest}+{Projector.Sha256}";
}
