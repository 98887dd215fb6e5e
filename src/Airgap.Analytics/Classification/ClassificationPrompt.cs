using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Classification;

/// <summary>
/// What the model is asked: the categories, a few labelled examples, the text; and the JSON schema whose enum holds
/// the answer to exactly one category (the inference layer compiles it into a llama.cpp grammar).
/// </summary>
internal static class ClassificationPrompt
{
    // Few-shot examples beyond this many characters only lengthen the prompt; the embedding fallback uses them all.
    private const int ExampleBudget = 4_000;

    public static ChatResponseFormat Format(IReadOnlyList<string> categories)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["category"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(categories.Select(c => (JsonNode)c!).ToArray()) },
            },
            ["required"] = new JsonArray("category"),
            ["additionalProperties"] = false,
        };
        return ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema, AnalyticsJsonContext.Default.JsonObject), "classification");
    }

    public static List<ChatMessage> Messages(string text, IReadOnlyList<string> categories, IReadOnlyList<LabelledExample> examples)
    {
        var system = new StringBuilder()
            .AppendLine("You classify texts from an industrial plant. Choose the one category that fits the text best.")
            .Append("Categories: ").AppendJoin(", ", categories).AppendLine(".")
            .AppendLine("""Answer with JSON only: {"category": "<one of the categories>"}.""");
        var used = 0;
        foreach (var example in examples)
        {
            if (used + example.Text.Length > ExampleBudget) break;
            if (used == 0) system.AppendLine("Examples:");
            system.Append("Text: ").AppendLine(example.Text).Append("Category: ").AppendLine(example.Label);
            used += example.Text.Length;
        }
        return [new ChatMessage(ChatRole.System, system.ToString()), new ChatMessage(ChatRole.User, text)];
    }

    /// <summary>The category in the model's answer, or null when the answer is not one of them.</summary>
    public static string? Answer(string json, IReadOnlyList<string> categories)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("category", out var value)
                   && value.ValueKind == JsonValueKind.String
                   && categories.Contains(value.GetString()!, StringComparer.Ordinal)
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
