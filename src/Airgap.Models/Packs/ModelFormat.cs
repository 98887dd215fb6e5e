namespace Airgap.Models.Packs;

/// <summary>The model file formats a pack may carry.</summary>
public static class ModelFormat
{
    public const string Gguf = "gguf";
    public const string Onnx = "onnx";

    /// <summary>A fitted anomaly detector (JSON, `.anomaly`), written by `airgap anomaly train`.</summary>
    public const string Anomaly = "anomaly";

    /// <summary>True for a format this build can validate and serve.</summary>
    public static bool IsKnown(string? format) => format is Gguf or Onnx or Anomaly;

    /// <summary>Index of the model proper among a pack's files: the first with the format's extension, else the first.</summary>
    public static int PrimaryIndex(IEnumerable<string> paths, string format)
    {
        var index = paths.ToList().FindIndex(p => p.EndsWith("." + format, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? 0 : index;
    }

    /// <summary>Guesses the format of a file from its first bytes (GGUF magic) or its extension.</summary>
    public static string Detect(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(path))
            magic = magic[..stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false)];
        return Detect(magic, path);
    }

    /// <summary>Guesses the format from a file's first bytes (<paramref name="head"/>) or its name.</summary>
    public static string Detect(ReadOnlySpan<byte> head, string path)
    {
        if (head.StartsWith("GGUF"u8)) return Gguf;
        var extension = Path.GetExtension(path);
        if (extension.Equals(".onnx", StringComparison.OrdinalIgnoreCase)) return Onnx;
        if (extension.Equals(".anomaly", StringComparison.OrdinalIgnoreCase)) return Anomaly;
        throw new PackException($"{path} is neither GGUF (no GGUF magic), ONNX (.onnx) nor an anomaly detector (.anomaly)");
    }
}
