using System.Text.Json;
using Airgap.Inference.Hardware;
using Airgap.Inference.Scheduling;
using Airgap.Models.Gguf;

namespace Airgap.Cli.Tests;

/// <summary>
/// RAM as llama.cpp spends it: weights plus an f16 K and V cache of n_layer × n_ctx × n_embd_{k,v}_gqa for each of num_parallel
/// sequences (n_embd_k_gqa = head_dim_k × n_head_kv), where the estimate used to count one sequence.
/// </summary>
public sealed class CapacityCountsTheKvCacheOfEveryStream : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // The formula, written out independently of the code under test: 2 bytes (f16) × n_layer × (n_embd_k_gqa + n_embd_v_gqa) × tokens.
    private static long Formula(long layers, long kvHeads, long keyLength, long valueLength, long context, long parallel) =>
        2 * layers * (kvHeads * keyLength + kvHeads * valueLength) * context * parallel;

    private string Synthetic(string name, params KeyValuePair<string, object>[] metadata)
    {
        var path = Path.Combine(_airgap.Root, name);
        GgufWriter.WriteFile(path, [new("general.architecture", "llama"), .. metadata],
            [new GgufTensorSource("w", [256, 4], GgmlType.F32, s => s.Write(new byte[4096]))]);
        return path;
    }

    private static string Summary(string path) => JsonSerializer.Serialize(GgufModelInfo.From(GgufReader.ReadFile(path)), Snake);

    [Theory]
    [InlineData(32, 32, 8, 4096, 0, 0, 4096, 4)]     // llama-3-8B shape: grouped-query attention, head_dim = 4096 / 32
    [InlineData(28, 24, 8, 3072, 0, 0, 2048, 1)]     // llama-3.2-3B shape
    [InlineData(26, 8, 4, 2304, 256, 256, 8192, 2)]  // gemma-2-2B shape: head_dim 256 given, not n_embd / n_head
    [InlineData(2, 4, 4, 64, 0, 0, 512, 64)]         // multi-head attention, many streams
    public void The_kv_cache_is_layers_times_gqa_width_times_context_times_parallel(
        int layers, int heads, int kvHeads, int embedding, int keyLength, int valueLength, int context, int parallel)
    {
        var metadata = new List<KeyValuePair<string, object>>
        {
            new("llama.block_count", (uint)layers), new("llama.attention.head_count", (uint)heads),
            new("llama.attention.head_count_kv", (uint)kvHeads), new("llama.embedding_length", (uint)embedding),
            new("llama.context_length", 131072u),
        };
        if (keyLength > 0) metadata.Add(new("llama.attention.key_length", (uint)keyLength));
        if (valueLength > 0) metadata.Add(new("llama.attention.value_length", (uint)valueLength));
        var path = Synthetic($"m{layers}-{heads}-{kvHeads}.gguf", [.. metadata]);
        var headDim = embedding / heads;

        var capacity = ModelCapacity.Of(Summary(path), new FileInfo(path).Length, new InferenceOptions { ContextLength = context, Parallel = parallel }, 64L << 30);

        var expected = Formula(layers, kvHeads, keyLength > 0 ? keyLength : headDim, valueLength > 0 ? valueLength : headDim, context, parallel);
        Assert.Equal(expected, capacity.KvCacheBytes);
        Assert.Equal(4096, capacity.WeightsBytes);
        Assert.Equal(capacity.WeightsBytes + expected, capacity.LoadedBytes);
        var perStream = expected / parallel;
        Assert.Equal((int)Math.Min(ModelCapacity.MaxParallel, ((64L << 30) - capacity.WeightsBytes) / perStream), capacity.StreamsThatFit);
        Assert.Equal(Math.Min(131072, ((64L << 30) - capacity.WeightsBytes) / (perStream / context * parallel)), capacity.ContextThatFits);
    }

    [Fact]
    public void What_fits_is_counted_in_the_free_ram_after_the_weights()
    {
        var path = Synthetic("small.gguf", new("llama.block_count", 2u), new("llama.attention.head_count", 4u),
            new("llama.attention.head_count_kv", 2u), new("llama.embedding_length", 64u));
        var perToken = Formula(2, 2, 16, 16, 1, 1);
        var available = 4096 + perToken * 1000 * 3 + 5;

        var capacity = ModelCapacity.Of(Summary(path), new FileInfo(path).Length, new InferenceOptions { ContextLength = 1000, Parallel = 4 }, available);

        Assert.False(capacity.Fits);
        Assert.Equal(3, capacity.StreamsThatFit);
        Assert.Equal(750, capacity.ContextThatFits);
    }

    [Fact]
    public async Task Doctor_and_models_show_use_the_configured_context_and_parallel()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        var info = GgufModelInfo.From(GgufReader.ReadFile(Path.Combine(_airgap.Root, "tiny.gguf")));
        var expected = Formula(info.BlockCount!.Value, info.HeadCountKv!.Value, info.KeyLength!.Value, info.ValueLength!.Value, 2048, 3);
        var settings = new Dictionary<string, string> { ["AIRGAP_Inference__Parallel"] = "3", ["AIRGAP_Inference__ContextLength"] = "2048" };

        var (code, output, error) = await _airgap.RunAsync(null, settings, "doctor", "--json");
        Assert.True(code == 0, error);
        var doctor = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, doctor.GetProperty("serving").GetProperty("parallel").GetInt32());
        var model = Assert.Single(doctor.GetProperty("models").EnumerateArray(), m => m.GetProperty("model").GetString() == "tiny:test@1.0.0");
        Assert.Equal(expected, model.GetProperty("kv_cache_bytes").GetInt64());
        Assert.Equal((long)info.TensorBytes + expected, model.GetProperty("estimated_ram_bytes").GetInt64());
        Assert.True(model.GetProperty("streams_that_fit").GetInt32() >= 1);

        (code, output, error) = await _airgap.RunAsync(null, settings, "models", "show", "tiny:test", "--json");
        Assert.True(code == 0, error);
        var show = JsonDocument.Parse(output).RootElement;
        Assert.Equal(expected, show.GetProperty("kv_cache_bytes").GetInt64());
        Assert.Equal(2048, show.GetProperty("estimate_context_length").GetInt32());
        Assert.Equal(3, show.GetProperty("estimate_parallel").GetInt32());
    }
}
