namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>How a model is loaded: context per sequence, parallel sequences, batch size and threads.</summary>
public sealed record LlamaModelSettings
{
    /// <summary>Context window per sequence (Ollama's num_ctx).</summary>
    public int ContextLength { get; init; } = 4096;

    /// <summary>Sequences decoded together in one batch (num_parallel).</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>Tokens per llama.cpp batch.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Largest prompt chunk read in a step while other sequences are generating, so they keep streaming.</summary>
    public int PromptChunkWhileGenerating { get; init; } = 128;

    /// <summary>Share of a prompt a free slot's cache must hold to be chosen for it (llama-server's --slot-prompt-similarity).</summary>
    public float SlotPromptSimilarity { get; init; } = 0.1f;

    /// <summary>Decode threads; 0 means one per core.</summary>
    public int Threads { get; init; }

    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
