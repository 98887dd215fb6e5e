using System.Diagnostics;
using System.Text.Json;
using Airgap.Analytics.Vision;
using Airgap.Analytics.Vision.Reading;
using Airgap.Inference.Engines.Onnx;
using Airgap.Inference.Errors;
using Airgap.Inference.Tensors;
using Airgap.Server.Endpoints;
using Airgap.Server.Jobs;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Tasks;

/// <summary>
/// Detection (YOLOv8 output layout) and classification (top-k) with imported ONNX image models, and the display
/// reader on the built-in OCR models: the image as a multipart file (`image`, with `model` and `profile` as form
/// fields) or JSON with base64; class names from the model's metadata.
/// </summary>
public static class VisionEndpoints
{
    private const int DefaultSize = 640;

    public static IEndpointRouteBuilder MapVision(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1/vision").WithOpenAiErrors();
        v1.MapPost("/detect", Detect).DisableAntiforgery().AllowRespondAsync(modelRequired: true, jsonOnly: false);
        v1.MapPost("/classify", Classify).DisableAntiforgery().AllowRespondAsync(modelRequired: true, jsonOnly: false);
        v1.MapPost("/read", ReadDisplay).DisableAntiforgery().AllowRespondAsync(jsonOnly: false);
        return app;
    }

    private static async Task<IResult> Detect(HttpContext http, OnnxModelCatalog models, CancellationToken cancellationToken)
    {
        var (request, image) = await ReadAsync(http, cancellationToken);
        var clock = Stopwatch.StartNew();
        var (graph, reference, _) = models.Find(request.Model!);
        var sidecar = Sidecar(models, request.Model!, VisionSidecar.Detect);
        var (input, width, height) = ImageInput(graph, sidecar);
        var (pixels, letterbox) = Prepared(() => ImageTensor.Letterboxed(image, width, height));
        var output = await Task.Run(() => graph.Run([new NamedTensor(input, TensorDatatypes.Fp32, [1, 3, height, width], pixels)], null)[0], cancellationToken);
        var detections = Decoded(() => YoloV8Decoder.Decode((float[])output.Data, output.Shape, sidecar?.Labels ?? ModelLabels.From(graph.Metadata), letterbox,
            request.Confidence ?? 0.25f, request.Iou ?? 0.45f));
        return Results.Json(new DetectResponse(reference, letterbox.ImageWidth, letterbox.ImageHeight,
            detections.Select(d => new DetectedObject(d.Label, d.ClassId, d.Confidence, [d.X0, d.Y0, d.X1, d.Y1])).ToList(), clock.ElapsedMilliseconds),
            VisionJsonContext.Plain.DetectResponse);
    }

    private static async Task<IResult> Classify(HttpContext http, OnnxModelCatalog models, CancellationToken cancellationToken)
    {
        var (request, image) = await ReadAsync(http, cancellationToken);
        var clock = Stopwatch.StartNew();
        var (graph, reference, _) = models.Find(request.Model!);
        var sidecar = Sidecar(models, request.Model!, VisionSidecar.Classify);
        var (input, width, height) = ImageInput(graph, sidecar);
        var pixels = Prepared(() => ImageTensor.Resized(image, width, height, sidecar?.Mean ?? Floats(graph, "mean", 0f), sidecar?.Std ?? Floats(graph, "std", 1f)));
        var output = await Task.Run(() => graph.Run([new NamedTensor(input, TensorDatatypes.Fp32, [1, 3, height, width], pixels)], null)[0], cancellationToken);
        var labels = Decoded(() => TopK.From((float[])output.Data, sidecar?.Labels ?? ModelLabels.From(graph.Metadata), Math.Clamp(request.TopK ?? 5, 1, 100)));
        return Results.Json(new ClassifyImageResponse(reference, labels.Select(l => new ClassLabel(l.Name, l.ClassId, l.Probability)).ToList(),
            clock.ElapsedMilliseconds), VisionJsonContext.Plain.ClassifyImageResponse);
    }

    /// <summary>
    /// The display reader on the built-in OCR models, reconciled with a vision-language model when one is configured:
    /// values with names and units, warnings, and limits from an optional profile.
    /// </summary>
    private static async Task<IResult> ReadDisplay(HttpContext http, ReconcilingDisplayReader reader, CancellationToken cancellationToken)
    {
        var (request, bytes) = await ReadAsync(http, cancellationToken, modelRequired: false);
        var profile = Profile(request.Profile);
        using var image = Prepared(() => ImageTensor.Decode(bytes));
        var reading = await reader.ReadAsync(image, profile, cancellationToken);
        return Results.Json(reading, DisplayReadingJson.Compact);
    }

    private static DisplayProfile? Profile(JsonElement? profile)
    {
        if (profile is not { ValueKind: not JsonValueKind.Null } json) return null;
        try
        {
            var text = json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText();
            return DisplayProfile.Validate(JsonSerializer.Deserialize<DisplayProfile>(text), "profile");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidRequestException("profile", e is InvalidDataException ? e.Message.Replace("profile: ", "") : $"is not a display profile: {e.Message}");
        }
    }

    private static async Task<(VisionRequest Request, byte[] Image)> ReadAsync(HttpContext http, CancellationToken cancellationToken, bool modelRequired = true)
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("image") ?? throw new InvalidRequestException("image", "is required: the image as a file field named image");
            if (file.Length > ImageTensor.MaxBytes) throw new InvalidRequestException("image", $"is {file.Length} bytes, more than {ImageTensor.MaxBytes}");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var model = form["model"].ToString();
            if (modelRequired && string.IsNullOrWhiteSpace(model)) throw new InvalidRequestException("model", "is required");
            JsonElement? profile = form.TryGetValue("profile", out var p) && p.Count > 0 ? JsonSerializer.SerializeToElement(p.ToString()) : null;
            return (new VisionRequest(model, null, Float(form["confidence"]), Float(form["iou"]), int.TryParse(form["top_k"], out var k) ? k : null, profile), buffer.ToArray());
        }
        var request = await RequestBody.ReadAsync(http.Request, VisionJsonContext.Plain.VisionRequest, cancellationToken);
        if (modelRequired && string.IsNullOrWhiteSpace(request.Model)) throw new InvalidRequestException("model", "is required");
        if (string.IsNullOrEmpty(request.Image)) throw new InvalidRequestException("image", "is required: the image in base64 (or a multipart upload)");
        var data = request.Image.Contains(',') && request.Image.StartsWith("data:", StringComparison.Ordinal) ? request.Image[(request.Image.IndexOf(',') + 1)..] : request.Image;
        try
        {
            return (request, Convert.FromBase64String(data));
        }
        catch (FormatException)
        {
            throw new InvalidRequestException("image", "is not base64");
        }
    }

    // The model's image input: the first input, [1, 3, H, W]; a dynamic size takes the metadata's imgsz, else 640.
    // vision.json from the model's pack, when it has one; a model made for the other task is refused by name.
    private static VisionSidecar? Sidecar(OnnxModelCatalog models, string model, string task)
    {
        if (models.CompanionFile(model, VisionSidecar.FileName) is not { } path) return null;
        var sidecar = Decoded(() => VisionSidecar.Read(path));
        return sidecar.Task == task ? sidecar
            : throw new InvalidRequestException("model", $"{model} is a {sidecar.Task} model (its {VisionSidecar.FileName}); use /v1/vision/{sidecar.Task}");
    }

    private static (string Name, int Width, int Height) ImageInput(OnnxGraph graph, VisionSidecar? sidecar)
    {
        var input = graph.Inputs.FirstOrDefault() ?? throw new InvalidRequestException("model", "the model has no input");
        if (input.Datatype != TensorDatatypes.Fp32 || input.Shape.Count != 4 || input.Shape[1] is not (3 or -1))
            throw new InvalidRequestException("model", $"its input {input.Name} is {input.Datatype}[{string.Join(",", input.Shape)}], not an image [1, 3, H, W] of FP32");
        var size = graph.Metadata.TryGetValue("imgsz", out var imgsz) ? imgsz.Split(',', '[', ']', ' ').Where(p => int.TryParse(p, out _)).Select(int.Parse).ToArray() : [];
        var height = input.Shape[2] > 0 ? (int)input.Shape[2] : sidecar?.Height ?? (size.Length > 0 ? size[0] : DefaultSize);
        var width = input.Shape[3] > 0 ? (int)input.Shape[3] : sidecar?.Width ?? (size.Length > 1 ? size[1] : height);
        return (input.Name, width, height);
    }

    private static float[] Floats(OnnxGraph graph, string key, float fallback) =>
        graph.Metadata.TryGetValue(key, out var text) && text.Split(',', '[', ']', ' ').Where(p => float.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(p => float.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray() is { Length: 3 } values ? values : [fallback, fallback, fallback];

    private static float? Float(string? text) => float.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private static T Prepared<T>(Func<T> prepare)
    {
        try
        {
            return prepare();
        }
        catch (ImageRefusedException e)
        {
            throw new InvalidRequestException("image", e.Problem);
        }
    }

    private static T Decoded<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException("model", e.Message);
        }
    }
}
