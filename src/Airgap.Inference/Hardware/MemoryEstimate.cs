using Airgap.Models.Gguf;
using Airgap.Models.Validation;

namespace Airgap.Inference.Hardware;

/// <summary>Estimated RAM a model needs: its weights plus an f16 KV cache.</summary>
public static class MemoryEstimate
{
    /// <summary>The context length estimates assume (Ollama's default num_ctx).</summary>
    public const int DefaultContextLength = 4096;

    /// <summary>Bytes for weights and a KV cache at <paramref name="contextLength"/> (at most the model's own); the file size without metadata.</summary>
    public static long Bytes(string metadataJson, long fileSize, int contextLength = DefaultContextLength) =>
        Estimate(metadataJson, fileSize, info => Math.Min(contextLength, info.ContextLength ?? contextLength));

    /// <summary>Bytes once loaded as the runner loads it: a KV cache of <paramref name="sequences"/> × <paramref name="contextLength"/> tokens.</summary>
    public static long Loaded(string metadataJson, long fileSize, int contextLength, int sequences) =>
        Estimate(metadataJson, fileSize, _ => (long)contextLength * sequences);

    private static long Estimate(string metadataJson, long fileSize, Func<GgufModelInfo, long> kvTokens)
    {
        var info = ModelMetadataJson.ReadGguf(metadataJson);
        return info is null ? fileSize : (long)info.TensorBytes + info.KvCacheBytes(kvTokens(info));
    }
}
