namespace Airgap.Models.Gguf;

/// <summary>The parsed header of a GGUF file: version, metadata and tensor table (no tensor data).</summary>
public sealed record GgufFile(
    uint Version,
    IReadOnlyDictionary<string, object> Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors,
    long DataOffset,
    uint Alignment);
