using System.Text.Json;
using Airgap.Models.Gguf;

namespace Airgap.Models.Validation;

/// <summary>Reads back the GGUF summary stored with a registered version.</summary>
public static class ModelMetadataJson
{
    /// <summary>The summary, or null for formats that store none (ONNX) or unreadable JSON.</summary>
    public static GgufModelInfo? ReadGguf(string json)
    {
        try
        {
            var info = JsonSerializer.Deserialize(json, ValidationJsonContext.Default.GgufModelInfo);
            return info?.Architecture is null ? null : info;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
