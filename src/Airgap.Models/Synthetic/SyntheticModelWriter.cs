using Airgap.Models.Gguf;

namespace Airgap.Models.Synthetic;

/// <summary>
/// Writes a llama-architecture GGUF with random weights, a SentencePiece-style vocabulary and a ChatML template:
/// a model llama.cpp loads and generates from, with the real shape of the preset and none of its knowledge.
/// </summary>
public static class SyntheticModelWriter
{
    /// <summary>The ChatML template, the format Qwen and many others use.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Writes the preset with F16 matrices (F32 when <paramref name="matrixType"/> says so) to <paramref name="path"/>.</summary>
    public static void Write(string path, SyntheticPreset preset, GgmlType matrixType = GgmlType.F16, ulong seed = 42)
    {
        if (matrixType is not (GgmlType.F16 or GgmlType.F32))
            throw new ArgumentException("synthetic weights are written as F16 or F32; quantize afterwards", nameof(matrixType));
        var vocab = new SyntheticVocabulary(preset.VocabularySize, preset.ImageTokens);
        GgufWriter.WriteFile(path, Metadata(preset, vocab, matrixType), Tensors(preset, matrixType, seed));
    }

    private static List<KeyValuePair<string, object>> Metadata(SyntheticPreset p, SyntheticVocabulary vocab, GgmlType matrixType)
    {
        var md = new List<KeyValuePair<string, object>>();
        void Add(string key, object value) => md.Add(new(key, value));
        Add("general.architecture", "llama");
        Add("general.name", $"airgap-synthetic-{p.Name}");
        Add("general.description", "Synthetic model with random weights, written by Airgap for tests and capacity planning");
        Add("general.file_type", matrixType == GgmlType.F16 ? 1u : 0u);
        Add("llama.context_length", (uint)p.ContextLength);
        Add("llama.embedding_length", (uint)p.EmbeddingLength);
        Add("llama.block_count", (uint)p.BlockCount);
        Add("llama.feed_forward_length", (uint)p.FeedForwardLength);
        Add("llama.attention.head_count", (uint)p.HeadCount);
        Add("llama.attention.head_count_kv", (uint)p.HeadCountKv);
        Add("llama.attention.key_length", (uint)p.HeadDimension);
        Add("llama.attention.value_length", (uint)p.HeadDimension);
        Add("llama.rope.dimension_count", (uint)p.HeadDimension);
        Add("llama.rope.freq_base", p.RopeFreqBase);
        Add("llama.attention.layer_norm_rms_epsilon", p.RmsEpsilon);
        Add("llama.vocab_size", (uint)p.VocabularySize);
        Add("tokenizer.ggml.model", "llama");
        Add("tokenizer.ggml.tokens", new GgufArray(GgufValueType.String, vocab.Tokens.ToArray()));
        Add("tokenizer.ggml.scores", new GgufArray(GgufValueType.Float32, vocab.Scores.ToArray()));
        Add("tokenizer.ggml.token_type", new GgufArray(GgufValueType.Int32, vocab.Types.ToArray()));
        Add("tokenizer.ggml.bos_token_id", (uint)SyntheticVocabulary.BosId);
        Add("tokenizer.ggml.eos_token_id", (uint)vocab.ImEndId);
        Add("tokenizer.ggml.unknown_token_id", (uint)SyntheticVocabulary.UnknownId);
        Add("tokenizer.ggml.padding_token_id", (uint)SyntheticVocabulary.EosId);
        Add("tokenizer.ggml.add_bos_token", false);
        Add("tokenizer.chat_template", ChatMlTemplate);
        return md;
    }

    private static List<GgufTensorSource> Tensors(SyntheticPreset p, GgmlType matrixType, ulong seed)
    {
        var qWidth = (ulong)(p.HeadCount * p.HeadDimension);
        var kvWidth = (ulong)(p.HeadCountKv * p.HeadDimension);
        var embd = (ulong)p.EmbeddingLength;
        var ff = (ulong)p.FeedForwardLength;
        var tensors = new List<GgufTensorSource>();
        var index = 0UL;
        // Weights scaled like a trained network's (about 1/sqrt(fan-in)) so activations stay finite.
        GgufTensorSource Matrix(string name, ulong cols, ulong rows) =>
            new(name, [cols, rows], matrixType, SyntheticWeights.Random(matrixType, cols * rows, 1f / MathF.Sqrt(cols), seed + index++));
        GgufTensorSource Norm(string name) => new(name, [embd], GgmlType.F32, SyntheticWeights.Constant(embd, 1f));

        // Tied embeddings (no output.weight), as in Qwen3-0.6B and Llama 3.2.
        tensors.Add(Matrix("token_embd.weight", embd, (ulong)p.VocabularySize));
        for (var layer = 0; layer < p.BlockCount; layer++)
        {
            var blk = $"blk.{layer}.";
            tensors.Add(Norm(blk + "attn_norm.weight"));
            tensors.Add(Matrix(blk + "attn_q.weight", embd, qWidth));
            tensors.Add(Matrix(blk + "attn_k.weight", embd, kvWidth));
            tensors.Add(Matrix(blk + "attn_v.weight", embd, kvWidth));
            tensors.Add(Matrix(blk + "attn_output.weight", qWidth, embd));
            tensors.Add(Norm(blk + "ffn_norm.weight"));
            tensors.Add(Matrix(blk + "ffn_gate.weight", embd, ff));
            tensors.Add(Matrix(blk + "ffn_up.weight", embd, ff));
            tensors.Add(Matrix(blk + "ffn_down.weight", ff, embd));
        }
        tensors.Add(Norm("output_norm.weight"));
        return tensors;
    }
}
