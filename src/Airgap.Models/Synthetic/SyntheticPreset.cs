namespace Airgap.Models.Synthetic;

/// <summary>
/// The shape of a synthetic llama-architecture model: widths, depth, heads and vocabulary; <see cref="ImageTokens"/>
/// adds the tokens a vision projector's prompt needs (see <see cref="SyntheticVocabulary.ImageTokens"/>).
/// </summary>
public sealed record SyntheticPreset(
    string Name,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int HeadCountKv,
    int HeadDimension,
    int FeedForwardLength,
    int VocabularySize,
    int ContextLength,
    float RopeFreqBase,
    float RmsEpsilon,
    bool ImageTokens = false)
{
    /// <summary>A few-MB model that loads in well under a second: for tests.</summary>
    public static SyntheticPreset Tiny { get; } = new("tiny", 256, 2, 4, 2, 64, 512, 1024, 4096, 10000f, 1e-5f);

    /// <summary>The shape of Qwen3-0.6B (28 layers, 1024 wide, 16/8 heads of 128, FFN 3072, 151 936 tokens).</summary>
    public static SyntheticPreset Qwen3_0_6B { get; } = new("qwen3-0.6b", 1024, 28, 16, 8, 128, 3072, 151936, 40960, 1000000f, 1e-6f);

    /// <summary>The shape of Llama 3.2 1B (16 layers, 2048 wide, 32/8 heads of 64, FFN 8192, 128 256 tokens).</summary>
    public static SyntheticPreset Llama32_1B { get; } = new("llama3.2-1b", 2048, 16, 32, 8, 64, 8192, 128256, 131072, 500000f, 1e-5f);

    /// <summary>The shape of Llama 3.2 3B (28 layers, 3072 wide, 24/8 heads of 128, FFN 8192, 128 256 tokens).</summary>
    public static SyntheticPreset Llama32_3B { get; } = new("llama3.2-3b", 3072, 28, 24, 8, 128, 8192, 128256, 131072, 500000f, 1e-5f);

    /// <summary>The tiny shape with the image tokens: the language half of the tiny vision-language pair.</summary>
    public static SyntheticPreset TinyVision { get; } = Tiny with { Name = "tiny-vlm", ImageTokens = true };

    /// <summary>The language half of SmolVLM-256M (30 layers, 576 wide, 9/3 heads of 64, FFN 1536, 49 280 tokens).</summary>
    public static SyntheticPreset SmolVlm256M { get; } = new("smolvlm-256m", 576, 30, 9, 3, 64, 1536, 49280, 8192, 100000f, 1e-5f, ImageTokens: true);

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyList<SyntheticPreset> All { get; } = [Tiny, Qwen3_0_6B, Llama32_1B, Llama32_3B, TinyVision, SmolVlm256M];

    /// <summary>Finds a preset by name, or null.</summary>
    public static SyntheticPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
