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

    // An ONNX model is a ModelProto whose first field on disk is ir_version (field 1, varint): tag byte 0x08.
    private static ModelValidation ValidateOnnx(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length < 2 || stream.ReadByte() != 0x08)
            throw new ModelValidationException("file does not start like an ONNX ModelProto (ir_version field)");
        return new ModelValidation(null, null, "{}", $"ONNX, {stream.Length:N0} bytes");
    }
}
