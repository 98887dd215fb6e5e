using System.Text.Json;
using Airgap.Models.Gguf;
using Airgap.Models.Packs;

namespace Airgap.Models.Validation;

/// <summary>Validates a file's header by format: a full GGUF header parse, or the start of an ONNX protobuf.</summary>
public sealed class HeaderValidator : IModelValidator
{
    /// <inheritdoc />
    public Task<ModelValidation> ValidateAsync(string path, string format, CancellationToken cancellationToken) =>
        Task.FromResult(format switch
        {
            ModelFormat.Gguf => ValidateGguf(path),
            ModelFormat.Onnx => ValidateOnnx(path),
            ModelFormat.Anomaly => ValidateAnomaly(path),
            _ => throw new ModelValidationException($"format '{format}' cannot be validated"),
        });

    /// <inheritdoc />
    public Task<ModelValidation> ValidateAsync(string path, string format, string? projectorPath, CancellationToken cancellationToken)
    {
        if (projectorPath is null) return ValidateAsync(path, format, cancellationToken);
        if (format != ModelFormat.Gguf) throw new ModelValidationException($"a vision projector goes with a GGUF model, not {format}");
        var model = ValidateGguf(path);
        var projector = ValidateProjector(projectorPath);
        return Task.FromResult(model with { Summary = $"{model.Summary}; {projector}" });
    }

    private static ModelValidation ValidateGguf(string path)
    {
        var info = ReadGguf(path);
        if (info.Architecture == PackRoles.ProjectorArchitecture)
            throw new ModelValidationException("GGUF file is a vision projector (mmproj, architecture clip), not a language model");
        if (info.ParameterCount == 0) throw new ModelValidationException("GGUF file holds no tensors");
        var json = JsonSerializer.Serialize(info, ValidationJsonContext.Default.GgufModelInfo);
        return new ModelValidation(info.Quantization, (long)info.ParameterCount, json,
            $"GGUF {info.Architecture}, {info.ParameterCount:N0} parameters, {info.Quantization}");
    }

    // The keys llama.cpp's clip loader needs before it reads a tensor; some it asserts on, which would abort the process.
    private static readonly string[] ProjectorKeys =
    [
        "clip.has_vision_encoder", "clip.vision.image_size", "clip.vision.patch_size", "clip.vision.embedding_length",
        "clip.vision.block_count", "clip.vision.image_mean", "clip.vision.image_std",
    ];

    private static string ValidateProjector(string path)
    {
        GgufFile file;
        try
        {
            file = GgufReader.ReadFile(path);
        }
        catch (GgufFormatException e)
        {
            throw new ModelValidationException($"vision projector: {e.Message}");
        }
        var info = GgufModelInfo.From(file);
        if (info.Architecture != PackRoles.ProjectorArchitecture)
            throw new ModelValidationException($"vision projector: architecture is {info.Architecture}, not {PackRoles.ProjectorArchitecture}");
        var missing = ProjectorKeys.Where(k => !file.Metadata.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new ModelValidationException($"vision projector: metadata lacks {string.Join(", ", missing)}");
        if (info.ParameterCount == 0) throw new ModelValidationException("vision projector: GGUF file holds no tensors");
        var type = file.Metadata.TryGetValue("clip.projector_type", out var t) && t is string s ? s : "unknown";
        return $"vision projector {type}, {info.ParameterCount:N0} parameters";
    }

    private static GgufModelInfo ReadGguf(string path)
    {
        try
        {
            return GgufModelInfo.From(GgufReader.ReadFile(path));
        }
        catch (GgufFormatException e)
        {
            throw new ModelValidationException(e.Message);
        }
    }

    // A detector file is one JSON object naming its kind, algorithm and features; the fitted state is checked when
    // Airgap.Analytics loads it.
    private static ModelValidation ValidateAnomaly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != AnomalyKind)
                throw new ModelValidationException($"an anomaly detector file is a JSON object with \"kind\": \"{AnomalyKind}\"");
            var algorithm = root.TryGetProperty("algorithm", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
            var features = root.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Array ? f.GetArrayLength() : 0;
            if (algorithm.Length == 0 || features == 0)
                throw new ModelValidationException("an anomaly detector file names its algorithm and at least one feature");
            return new ModelValidation(null, null, "{}", $"anomaly detector {algorithm}, {features} features");
        }
        catch (JsonException e)
        {
            throw new ModelValidationException($"anomaly detector file is not JSON: {e.Message}");
        }
    }

    /// <summary>The <c>kind</c> an anomaly detector file declares.</summary>
    public const string AnomalyKind = "airgap-anomaly-detector";

    // An ONNX model is a ModelProto whose first field on disk is ir_version (field 1, varint): tag byte 0x08.
    private static ModelValidation ValidateOnnx(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length < 2 || stream.ReadByte() != 0x08)
            throw new ModelValidationException("file does not start like an ONNX ModelProto (ir_version field)");
        return new ModelValidation(null, null, "{}", $"ONNX, {stream.Length:N0} bytes");
    }
}
