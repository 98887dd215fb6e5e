using System.ComponentModel.DataAnnotations;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// Limits of the inference service: loaded models, memory, parallelism, queue and timeouts. `airgap serve` binds every
/// property from the `Inference` section of its configuration and checks the ranges below at start; a new property
/// is a new setting (give it a range and a row in docs/configuration.md).
/// </summary>
public sealed record InferenceOptions
{
    [Range(1, 64)]
    public int MaxLoadedModels { get; init; } = 2;

    /// <summary>Bytes loaded models may take; default: RAM minus 4 GB.</summary>
    [Range(1L, long.MaxValue)]
    public long? MemoryBudgetBytes { get; init; }

    public TimeSpan DefaultKeepAlive { get; init; } = TimeSpan.FromMinutes(5);
    [Range(1, 64)]
    public int Parallel { get; init; } = 4;
    [Range(1, 100_000)]
    public int MaxQueue { get; init; } = 256;
    [Range(256, 1_048_576)]
    public int ContextLength { get; init; } = 4096;
    [Range(1, 65_536)]
    public int BatchSize { get; init; } = 512;

    /// <summary>
    /// Largest prompt chunk read per step while other sequences generate: smaller keeps their streams smoother,
    /// larger reads the new prompt sooner (bench: 128 → longest pause 0.86 s, 32 → 0.55 s but twice the wait).
    /// </summary>
    [Range(1, 4096)]
    public int PromptChunk { get; init; } = 128;
    [Range(0, 1024)]
    public int Threads { get; init; }

    /// <summary>How long a request may take, waiting included; past it a generation ends with done_reason "timeout".</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Most inputs one embedding request may carry (OpenAI's limit).</summary>
    [Range(1, 1_000_000)]
    public int MaxEmbeddingInputs { get; init; } = 2048;

    /// <summary>
    /// Most inputs one ONNX Runtime run embeds (all-minilm and imported ONNX models): a request with more runs as
    /// consecutive batches, so its memory stays bounded (32 × 256 word pieces ≈ 100 MB of attention scores).
    /// </summary>
    [Range(1, 1024)]
    public int EmbeddingBatchSize { get; init; } = 32;

    /// <summary>
    /// Share of a new prompt a free slot's cached prefix must cover for the slot to be reused; below it the least
    /// recently used free slot is taken, so an unrelated prompt does not evict a long shared system prompt.
    /// </summary>
    [Range(0.0, 1.0)]
    public float SlotPromptSimilarity { get; init; } = 0.1f;

    /// <summary>Most images one generation request may show a vision-language model.</summary>
    [Range(1, 64)]
    public int MaxImagesPerRequest { get; init; } = 8;

    /// <summary>Largest image decoded, in pixels (width × height), read from its header before a pixel is decoded.</summary>
    [Range(1L, 1_000_000_000L)]
    public long MaxImagePixels { get; init; } = 40_000_000;

    /// <summary>How long a model that failed to load is refused before another try.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LoadFailureBackoff { get; init; } = TimeSpan.FromSeconds(60);
}
