using Airgap.Inference.Scheduling;
using Airgap.Models.Validation;

namespace Airgap.Inference.Hardware;

/// <summary>
/// What a model costs as the runner loads it — its weights plus an f16 KV cache of <see cref="Parallel"/> sequences ×
/// <see cref="ContextLength"/> tokens (llama.cpp's n_ctx = context × parallel) — and what fits in the free RAM.
/// </summary>
public sealed record ModelCapacity(
    long WeightsBytes,
    long KvBytesPerToken,
    int ContextLength,
    int Parallel,
    long KvCacheBytes,
    long LoadedBytes,
    long AvailableBytes,
    bool Fits,
    int? StreamsThatFit,
    long? ContextThatFits)
{
    /// <summary>The most sequences any server runs at once (the upper bound of num_parallel).</summary>
    public const int MaxParallel = 64;

    /// <summary>
    /// The capacity of the model whose stored summary is <paramref name="metadataJson"/> under <paramref name="options"/>,
    /// with <paramref name="availableBytes"/> of RAM free. A model without a GGUF summary (ONNX) costs its file size and has no KV cache.
    /// </summary>
    public static ModelCapacity Of(string metadataJson, long fileSize, InferenceOptions options, long availableBytes)
    {
        var info = ModelMetadataJson.ReadGguf(metadataJson);
        var weights = info is null ? fileSize : (long)info.TensorBytes;
        var perToken = info?.KvCacheBytes(1) ?? 0;
        var kv = perToken * options.ContextLength * options.Parallel;
        var loaded = weights + kv;
        var spare = Math.Max(0, availableBytes - weights);
        int? streams = perToken == 0 ? null : (int)Math.Min(MaxParallel, spare / (perToken * options.ContextLength));
        // The context each of num_parallel streams could have, no longer than the model was trained for.
        long? context = perToken == 0 ? null : Math.Min(spare / (perToken * options.Parallel), info!.ContextLength ?? long.MaxValue);
        return new ModelCapacity(weights, perToken, options.ContextLength, options.Parallel, kv, loaded, availableBytes, loaded <= availableBytes, streams, context);
    }
}
