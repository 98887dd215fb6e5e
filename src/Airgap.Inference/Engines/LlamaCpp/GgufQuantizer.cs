using Airgap.Models.Gguf;
using LLama;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>Quantizes a GGUF file with llama.cpp's own quantizer.</summary>
public static class GgufQuantizer
{
    /// <summary>The quantization labels accepted, lower-case as the CLI spells them.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["f16", "q8_0", "q4_0", "q4_k_m", "q5_k_m", "q6_k"];

    /// <summary>Writes <paramref name="destination"/> as <paramref name="label"/> (e.g. q4_k_m) from an F16/F32 source.</summary>
    public static void Quantize(string source, string destination, string label, int threads = 0)
    {
        if (!Supported.Contains(label, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"unknown quantization '{label}' (one of: {string.Join(", ", Supported)})", nameof(label));
        var fileType = QuantizationName.FileTypeOf(label)
            ?? throw new ArgumentException($"unknown quantization '{label}'", nameof(label));
        LlamaNative.EnsureConfigured();
        var partial = destination + ".partial";
        try
        {
            if (!LLamaQuantizer.Quantize(source, partial, (LLamaFtype)fileType, threads > 0 ? threads : Environment.ProcessorCount))
                throw new InvalidOperationException($"llama.cpp failed to quantize {source} to {label}");
            File.Move(partial, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }
}
