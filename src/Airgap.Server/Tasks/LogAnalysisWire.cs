using System.Text.Json.Serialization;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/logs/analyze's answer: every distinct template with its analysis, and every line's template.</summary>
public sealed record LogAnalysisResponse(
    [property: JsonPropertyName("templates")] IReadOnlyList<LogTemplateAnalysisWire> Templates,
    [property: JsonPropertyName("lines")] IReadOnlyList<LogLineWire> Lines,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
    [property: JsonPropertyName("elapsed_ms")] long ElapsedMs);

public sealed record LogTemplateAnalysisWire(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("template")] string Template,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("example")] string Example,
    [property: JsonPropertyName("analysis")] LogAnalysisWire Analysis);

public sealed record LogAnalysisWire(
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("likely_cause")] string LikelyCause,
    [property: JsonPropertyName("suggested_action")] string SuggestedAction,
    [property: JsonPropertyName("source")] string Source);

public sealed record LogLineWire(
    [property: JsonPropertyName("line")] long Line,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("template_id")] string TemplateId);

[JsonSerializable(typeof(LogAnalysisResponse))]
internal sealed partial class LogAnalysisJsonContext : JsonSerializerContext
{
    /// <summary>This context writing text unescaped.</summary>
    public static LogAnalysisJsonContext Plain { get; } = new(Wire.PlainJson.Options());
}
