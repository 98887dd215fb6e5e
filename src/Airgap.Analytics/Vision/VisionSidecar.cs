using System.Text.Json;

namespace Airgap.Analytics.Vision;

/// <summary>
/// `vision.json` beside an ONNX image model in its pack: what the model does and how to feed it —
/// `{"task": "detect"|"classify", "labels": [...], "input": {"width": 640, "height": 640}, "mean": [r,g,b], "std": [r,g,b]}`,
/// every key optional but `task`. It wins over the model's own metadata.
/// </summary>
public sealed record VisionSidecar(string Task, IReadOnlyList<string>? Labels, int? Width, int? Height, float[]? Mean, float[]? Std)
{
    public const string FileName = "vision.json";
    public const string Detect = "detect";
    public const string Classify = "classify";

    /// <summary>Reads a sidecar; ArgumentException naming the key when it is malformed.</summary>
    public static VisionSidecar Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException($"{FileName} must be a JSON object");
            var task = root.TryGetProperty("task", out var t) && t.GetString() is Detect or Classify ? t.GetString()!
                : throw new ArgumentException($"{FileName}: task must be \"{Detect}\" or \"{Classify}\"");
            var labels = root.TryGetProperty("labels", out var l)
                ? l.EnumerateArray().Select(x => x.GetString() ?? throw new ArgumentException($"{FileName}: labels must be strings")).ToList() : null;
            int? width = null, height = null;
            if (root.TryGetProperty("input", out var input))
            {
                width = input.GetProperty("width").GetInt32();
                height = input.GetProperty("height").GetInt32();
                if (width is < 1 or > 4096 || height is < 1 or > 4096) throw new ArgumentException($"{FileName}: input width and height must be 1-4096");
            }
            return new VisionSidecar(task, labels, width, height, Triple(root, "mean"), Triple(root, "std"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ArgumentException($"{FileName} is malformed: {e.Message}");
        }
    }

    private static float[]? Triple(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) return null;
        var numbers = value.EnumerateArray().Select(v => v.GetSingle()).ToArray();
        return numbers.Length == 3 && (name != "std" || numbers.All(n => n > 0)) ? numbers
            : throw new ArgumentException($"{FileName}: {name} must be three numbers{(name == "std" ? " above 0" : "")}");
    }
}
