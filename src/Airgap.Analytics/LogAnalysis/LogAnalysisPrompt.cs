using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics.LogAnalysis;

/// <summary>
/// What the model is asked about one template, and the JSON schema that holds its answer to the analysis fields:
/// the inference layer compiles the schema to a grammar, so whatever the model samples parses.
/// </summary>
public static class LogAnalysisPrompt
{
    /// <summary>Changes whenever the prompt or schema does, so cached answers to an older question are not reused.</summary>
    public const string Revision = "log-prompt-1";

    /// <summary>Longest answer the model may give; the schema's string bounds keep a complete answer well below it.</summary>
    public const int MaxOutputTokens = 768;

    // Long enough for a sentence, short enough that two of them and the structure fit in MaxOutputTokens.
    private const int MaxSentence = 240;

    // A template or example longer than this is cut: the prompt must fit a small model's context.
    private const int MaxQuotedChars = 1500;

    private const string Instructions =
        "You analyse log messages from an industrial plant's equipment and computers for the maintenance engineer on shift. " +
        "For the log template given, answer in JSON: severity (critical: stops production or risks safety or data; " +
        "warning: needs attention soon; info: normal operation), category of the cause (hardware, software, network or user), " +
        "likely_cause and suggested_action, each one short sentence.";

    /// <summary>The JSON schema of an answer.</summary>
    public static JsonElement Schema { get; } = JsonDocument.Parse($$"""
        {
          "type": "object",
          "properties": {
            "severity": { "enum": {{JsonSerializer.Serialize(LogAnalysisVocabulary.Severities)}} },
            "category": { "enum": {{JsonSerializer.Serialize(LogAnalysisVocabulary.Categories)}} },
            "likely_cause": { "type": "string", "minLength": 1, "maxLength": {{MaxSentence}} },
            "suggested_action": { "type": "string", "minLength": 1, "maxLength": {{MaxSentence}} }
          },
          "required": ["severity", "category", "likely_cause", "suggested_action"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    /// <summary>The response format that constrains the model to <see cref="Schema"/>.</summary>
    public static ChatResponseFormat Format { get; } = ChatResponseFormat.ForJsonSchema(Schema, "log_analysis");

    /// <summary>The conversation that asks about one template.</summary>
    public static IList<ChatMessage> Messages(LogTemplateGroup group) =>
    [
        new(ChatRole.System, Instructions),
        new(ChatRole.User,
            $"Template (<*> marks a variable part): {Cut(group.Template)}\nSeen {group.Count} times. Example line: {Cut(group.Example)}"),
    ];

    /// <summary>The model's answer as an analysis, or null when it is not one (cut off, or a value outside the vocabulary).</summary>
    public static TemplateAnalysis? Read(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var severity = Text(root, "severity");
            var category = Text(root, "category");
            var cause = Text(root, "likely_cause")?.Trim();
            var action = Text(root, "suggested_action")?.Trim();
            if (severity is null || !LogAnalysisVocabulary.Severities.Contains(severity)) return null;
            if (category is null || !LogAnalysisVocabulary.Categories.Contains(category)) return null;
            if (string.IsNullOrEmpty(cause) || string.IsNullOrEmpty(action)) return null;
            return new TemplateAnalysis(severity, category, cause, action, LogAnalysisVocabulary.FromModel);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Cut(string text) => text.Length <= MaxQuotedChars ? text : text[..MaxQuotedChars] + "…";
}
