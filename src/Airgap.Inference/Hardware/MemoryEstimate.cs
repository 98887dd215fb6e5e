using Airgap.Models.Validation;

namespace Airgap.Inference.Hardware;

/// <summary>Estimated RAM a model needs: its weights plus an f16 KV cache at the default context.</summary>
public static class MemoryEstimate
{
    /// <summary>The context length estimates assume (Ollama's default num_ctx).</summary>
    public const int DefaultContextLength = 4096;

    /// <summary>Bytes for weights and KV cache, from the metadata stored at import; the file size when there is none.</summary>
    public static long Bytes(string metadataJson, long fileSize, int contextLength = DefaultContextLength)
    {
        var info = ModelMetadataJson.ReadGguf(metadataJson);
        if (info is null) return fileSize;
        var context = Math.Min(contextLength, info.ContextLength ?? contextLength);
        return (long)info.TensorBytes + info.KvCacheBytes(context);
    }
}
