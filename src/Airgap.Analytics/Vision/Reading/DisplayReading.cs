using System.Text.Json.Serialization;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>What the display reader found on one image: readings, active warnings, the text it read, and how.</summary>
public sealed record DisplayReading(
    [property: JsonPropertyName("values")] IReadOnlyList<DisplayValue> Values,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("text")] IReadOnlyList<DisplayText> Text,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("elapsed_ms")] long ElapsedMs);

/// <summary>
/// One reading: the label it belongs to, the number, its unit, the digits as shown, how sure, and where; a flag only
/// when the OCR and a vision-language model disagreed on it (omitted otherwise, so the wire shape is unchanged).
/// </summary>
public sealed record DisplayValue(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("shown")] string Shown,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("box")] int[] Box,
    [property: JsonPropertyName("flag"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Flag = null);

/// <summary>A line of text read from the image.</summary>
public sealed record DisplayText(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("box")] int[] Box,
    [property: JsonPropertyName("confidence")] double Confidence);
