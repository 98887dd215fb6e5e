using System.Text.Json.Serialization;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/vision/detect, /classify and /read as JSON: the model (not for read), the image in base64, a display profile (read).</summary>
public sealed record VisionRequest(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("confidence")] float? Confidence,
    [property: JsonPropertyName("iou")] float? Iou,
    [property: JsonPropertyName("top_k")] int? TopK,
    [property: JsonPropertyName("profile")] System.Text.Json.JsonElement? Profile = null);

public sealed record DetectedObject(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("class_id")] int ClassId,
    [property: JsonPropertyName("confidence")] float Confidence,
    [property: JsonPropertyName("box")] float[] Box);

public sealed record DetectResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("detections")] IReadOnlyList<DetectedObject> Detections,
    [property: JsonPropertyName("elapsed_ms")] long ElapsedMs);

public sealed record ClassLabel(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("class_id")] int ClassId,
    [property: JsonPropertyName("probability")] float Probability);

public sealed record ClassifyImageResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("labels")] IReadOnlyList<ClassLabel> Labels,
    [property: JsonPropertyName("elapsed_ms")] long ElapsedMs);

[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(VisionRequest))]
[JsonSerializable(typeof(DetectResponse))]
[JsonSerializable(typeof(ClassifyImageResponse))]
internal sealed partial class VisionJsonContext : JsonSerializerContext
{
    public static VisionJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
