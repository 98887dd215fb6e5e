namespace Airgap.Inference.Scheduling;

/// <summary>Limits of the inference service: loaded models, memory, parallelism, queue and timeouts.</summary>
public sealed record InferenceOptions
{
    public int MaxLoadedModels { get; init; } = 2;

    /// <summary>Bytes loaded models may take; default: RAM minus 4 GB.</summary>
    public long? MemoryBudgetBytes { get; init; }

    public TimeSpan DefaultKeepAlive { get; init; } = TimeSpan.FromMinutes(5);
    public int Parallel { get; init; } = 4;
    public int MaxQueue { get; init; } = 256;
    public int ContextLength { get; init; } = 4096;
    public int BatchSize { get; init; } = 512;
    public int Threads { get; init; }
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a model that failed to load is refused before another try.</summary>
    public TimeSpan LoadFailureBackoff { get; init; } = TimeSpan.FromSeconds(60);
}
