namespace Airgap.Models.Gguf;

/// <summary>What a person or a scheduler needs to know about a GGUF model, derived from its header.</summary>
public sealed record GgufModelInfo(
    string Architecture,
    string? Name,
    ulong ParameterCount,
    string Quantization,
    long? ContextLength,
    long? EmbeddingLength,
    long? BlockCount,
    long? HeadCount,
    long? HeadCountKv,
    long? KeyLength,
    long? ValueLength,
    long VocabularySize,
    bool HasChatTemplate,
    ulong TensorBytes)
{
    /// <summary>Derives the model summary from a parsed header.</summary>
    public static GgufModelInfo From(GgufFile file)
    {
        var md = file.Metadata;
        var arch = md.TryGetValue("general.architecture", out var a) && a is string s ? s : "unknown";
        long? Arch(string key) => GetInteger(md, $"{arch}.{key}");
        var headCount = Arch("attention.head_count");
        var embedding = Arch("embedding_length");
        long? headDim = embedding is { } e && headCount is > 0 ? e / headCount : null;
        var vocab = md.TryGetValue("tokenizer.ggml.tokens", out var t) && t is GgufArray tokens
            ? tokens.Count
            : Arch("vocab_size") ?? 0;
        return new GgufModelInfo(
            arch,
            md.TryGetValue("general.name", out var n) ? n as string : null,
            file.Tensors.Aggregate(0UL, (sum, x) => sum + x.ElementCount),
            QuantizationName.Of(file),
            Arch("context_length"),
            embedding,
            Arch("block_count"),
            headCount,
            Arch("attention.head_count_kv") ?? headCount,
            Arch("attention.key_length") ?? headDim,
            Arch("attention.value_length") ?? headDim,
            vocab,
            md.ContainsKey("tokenizer.chat_template"),
            file.Tensors.Aggregate(0UL, (sum, x) => sum + x.ByteSize));
    }

    /// <summary>Bytes of KV cache (f16 keys and values) needed for <paramref name="contextTokens"/> tokens.</summary>
    public long KvCacheBytes(long contextTokens)
    {
        if (BlockCount is not { } layers || HeadCountKv is not { } kvHeads) return 0;
        var perToken = kvHeads * ((KeyLength ?? 0) + (ValueLength ?? 0)) * 2;
        return layers * perToken * contextTokens;
    }

    private static long? GetInteger(IReadOnlyDictionary<string, object> md, string key) =>
        md.TryGetValue(key, out var v) ? v switch
        {
            byte x => x, sbyte x => x, ushort x => x, short x => x, uint x => x, int x => x,
            ulong x => x <= long.MaxValue ? (long)x : null, long x => x,
            GgufArray { Count: > 0 } arr => GetFirstInteger(arr),
            _ => null,
        } : null;

    // Some architectures store per-layer head counts as an array; the first layer is representative.
    private static long? GetFirstInteger(GgufArray arr) => arr.Items switch
    {
        uint[] x => x[0], int[] x => x[0], ulong[] x => x[0] <= long.MaxValue ? (long)x[0] : null, long[] x => x[0],
        _ => null,
    };
}
