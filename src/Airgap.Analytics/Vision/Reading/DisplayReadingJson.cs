using System.Text.Encodings.Web;
using System.Text.Json;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>How readings are written: units such as °C and m³/h as themselves, not as \u escapes.</summary>
public static class DisplayReadingJson
{
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
}
