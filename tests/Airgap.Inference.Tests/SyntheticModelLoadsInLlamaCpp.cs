using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Models.Gguf;
using Airgap.Models.Synthetic;

namespace Airgap.Inference.Tests;

public sealed class SyntheticModelLoadsInLlamaCpp : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-infer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_tiny_f16_model_loads_and_generates_tokens()
    {
        var path = Path.Combine(_dir, "tiny.gguf");
        SyntheticModelWriter.Write(path, SyntheticPreset.Tiny);

        var result = LlamaSmokeTest.Run(path, maxTokens: 8, threads: 2);

        Assert.True(result.PromptTokens > 5, $"prompt tokenized to {result.PromptTokens} tokens");
        Assert.InRange(result.GeneratedTokens, 1, 8);
    }

    [Fact]
    public void A_tiny_model_quantized_to_q4_k_m_loads_and_reports_its_quantization()
    {
        var f16 = Path.Combine(_dir, "tiny-f16.gguf");
        var q4 = Path.Combine(_dir, "tiny-q4_k_m.gguf");
        SyntheticModelWriter.Write(f16, SyntheticPreset.Tiny);

        GgufQuantizer.Quantize(f16, q4, "q4_k_m", threads: 2);

        var info = GgufModelInfo.From(GgufReader.ReadFile(q4));
        Assert.Equal("Q4_K_M", info.Quantization);
        Assert.True(new FileInfo(q4).Length < new FileInfo(f16).Length / 2);
        Assert.InRange(LlamaSmokeTest.Run(q4, maxTokens: 4, threads: 2).GeneratedTokens, 1, 4);
    }
}
