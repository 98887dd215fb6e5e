using Airgap.Models.Gguf;

namespace Airgap.Models.Synthetic;

/// <summary>
/// Writes an Idefics3 (SmolVLM) vision projector GGUF with random weights, laid out as llama.cpp's converter
/// writes a real mmproj (<c>general.architecture = clip</c>): what mtmd loads beside a language model of the
/// matching width, with the real shape and none of the knowledge.
/// </summary>
public static class SyntheticProjectorWriter
{
    /// <summary>The projector type llama.cpp's clip loader knows Idefics3 / SmolVLM by.</summary>
    public const string ProjectorType = "idefics3";

    /// <summary>Writes the preset with F16 matrices to <paramref name="path"/>.</summary>
    public static void Write(string path, SyntheticProjectorPreset preset, ulong seed = 7)
    {
        if (preset.ImageSize % preset.PatchSize != 0 || preset.PatchesPerSide % preset.ScaleFactor != 0)
            throw new ArgumentException("the tile must split into whole patches and the patches into whole shuffle blocks", nameof(preset));
        if (preset.EmbeddingLength % preset.HeadCount != 0)
            throw new ArgumentException("the width must split evenly into heads", nameof(preset));
        GgufWriter.WriteFile(path, Metadata(preset), Tensors(preset, seed));
    }

    private static List<KeyValuePair<string, object>> Metadata(SyntheticProjectorPreset p)
    {
        // SigLIP normalises each channel to [-1, 1].
        GgufArray Half() => new(GgufValueType.Float32, new[] { 0.5f, 0.5f, 0.5f });
        return
        [
            new("general.architecture", "clip"),
            new("general.name", $"airgap-synthetic-{p.Name}-mmproj"),
            new("general.description", "Synthetic vision projector with random weights, written by Airgap for tests"),
            new("general.file_type", 1u),
            new("clip.projector_type", ProjectorType),
            new("clip.has_vision_encoder", true),
            new("clip.has_text_encoder", false),
            new("clip.use_gelu", true),
            new("clip.vision.image_size", (uint)p.ImageSize),
            new("clip.vision.patch_size", (uint)p.PatchSize),
            new("clip.vision.embedding_length", (uint)p.EmbeddingLength),
            new("clip.vision.feed_forward_length", (uint)p.FeedForwardLength),
            new("clip.vision.block_count", (uint)p.BlockCount),
            new("clip.vision.attention.head_count", (uint)p.HeadCount),
            new("clip.vision.attention.layer_norm_epsilon", 1e-6f),
            new("clip.vision.projection_dim", (uint)p.OutputLength),
            new("clip.vision.projector.scale_factor", (uint)p.ScaleFactor),
            new("clip.vision.preproc_image_size", (uint)p.LongestEdge),
            new("clip.vision.image_mean", Half()),
            new("clip.vision.image_std", Half()),
        ];
    }

    private static List<GgufTensorSource> Tensors(SyntheticProjectorPreset p, ulong seed)
    {
        var embd = (ulong)p.EmbeddingLength;
        var ff = (ulong)p.FeedForwardLength;
        var patch = (ulong)p.PatchSize;
        var patches = (ulong)(p.PatchesPerSide * p.PatchesPerSide);
        var merged = embd * (ulong)(p.ScaleFactor * p.ScaleFactor);
        var index = 0UL;
        GgufTensorSource Matrix(string name, ulong cols, ulong rows) =>
            new(name, [cols, rows], GgmlType.F16, SyntheticWeights.Random(GgmlType.F16, cols * rows, 1f / MathF.Sqrt(cols), seed + index++));
        GgufTensorSource Vector(string name, ulong length, float value) =>
            new(name, [length], GgmlType.F32, SyntheticWeights.Constant(length, value));

        var tensors = new List<GgufTensorSource>
        {
            // A convolution kernel of patch × patch × RGB per output channel, as ggml lays it out.
            new("v.patch_embd.weight", [patch, patch, 3, embd], GgmlType.F16,
                SyntheticWeights.Random(GgmlType.F16, patch * patch * 3 * embd, 1f / MathF.Sqrt(patch * patch * 3), seed + index++)),
            Vector("v.patch_embd.bias", embd, 0f),
            new("v.position_embd.weight", [embd, patches], GgmlType.F32,
                SyntheticWeights.Random(GgmlType.F32, embd * patches, 0.02f, seed + index++)),
        };
        for (var layer = 0; layer < p.BlockCount; layer++)
        {
            var blk = $"v.blk.{layer}.";
            tensors.Add(Vector(blk + "ln1.weight", embd, 1f));
            tensors.Add(Vector(blk + "ln1.bias", embd, 0f));
            foreach (var name in new[] { "attn_q", "attn_k", "attn_v", "attn_out" })
            {
                tensors.Add(Matrix(blk + name + ".weight", embd, embd));
                tensors.Add(Vector(blk + name + ".bias", embd, 0f));
            }
            tensors.Add(Vector(blk + "ln2.weight", embd, 1f));
            tensors.Add(Vector(blk + "ln2.bias", embd, 0f));
            tensors.Add(Matrix(blk + "ffn_up.weight", embd, ff));
            tensors.Add(Vector(blk + "ffn_up.bias", ff, 0f));
            tensors.Add(Matrix(blk + "ffn_down.weight", ff, embd));
            tensors.Add(Vector(blk + "ffn_down.bias", embd, 0f));
        }
        tensors.Add(Vector("v.post_ln.weight", embd, 1f));
        tensors.Add(Vector("v.post_ln.bias", embd, 0f));
        tensors.Add(Matrix("mm.model.fc.weight", merged, (ulong)p.OutputLength));
        return tensors;
    }
}
