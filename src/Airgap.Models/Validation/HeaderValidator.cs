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

    private static ModelValidation ValidateGguf(string path)
    {
        GgufModelInfo info;
        try
        {
            info = GgufModelInfo.From(GgufReader.ReadFile(path));
        }
        catch (GgufFormatException e)
        {
            throw new ModelValidationException(e.Message);
        }
        if (info.ParameterCount == 0) throw new ModelValidationException("GGUF file holds no tensors");
        var json = JsonSerializer.Serialize(info, ValidationJsonContext.Default.GgufModelInfo);
        return new ModelValidation(info.Quantization, (long)info.ParameterCount, json,
            $"GGUF {info.Architecture}, {info.ParameterCount:N0} parameters, {info.Quantization}");
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
