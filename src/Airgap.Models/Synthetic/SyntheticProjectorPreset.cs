namespace Airgap.Models.Synthetic;

/// <summary>
/// The shape of a synthetic Idefics3 / SmolVLM vision projector (mmproj): a SigLIP encoder, a pixel shuffle by
/// <see cref="ScaleFactor"/> and one linear layer to the language model's width (<see cref="OutputLength"/>).
/// </summary>
public sealed record SyntheticProjectorPreset(
    string Name,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int FeedForwardLength,
    int ImageSize,
    int PatchSize,
    int ScaleFactor,
    int LongestEdge,
    int OutputLength)
{
    /// <summary>Patches per side of one tile.</summary>
    public int PatchesPerSide => ImageSize / PatchSize;

    /// <summary>Embeddings one tile becomes in the language model.</summary>
    public int TokensPerTile => PatchesPerSide * PatchesPerSide / (ScaleFactor * ScaleFactor);

    /// <summary>A projector for <see cref="SyntheticPreset.TinyVision"/>: 32-pixel tiles of 16 patches, 4 tokens each.</summary>
    public static SyntheticProjectorPreset Tiny { get; } = new("tiny-vlm", 64, 2, 4, 128, 32, 8, 2, 64, SyntheticPreset.TinyVision.EmbeddingLength);

    /// <summary>The projector of SmolVLM-256M: SigLIP-B/16 at 512 pixels (12 layers, 768 wide), shuffle 4, to 576.</summary>
    public static SyntheticProjectorPreset SmolVlm256M { get; } =
        new("smolvlm-256m", 768, 12, 12, 3072, 512, 16, 4, 2048, SyntheticPreset.SmolVlm256M.EmbeddingLength);

    /// <summary>Every projector preset; each is named after the language preset it pairs with.</summary>
    public static IReadOnlyList<SyntheticProjectorPreset> All { get; } = [Tiny, SmolVlm256M];

    /// <summary>Finds a preset by name, or null.</summary>
    public static SyntheticProjectorPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
