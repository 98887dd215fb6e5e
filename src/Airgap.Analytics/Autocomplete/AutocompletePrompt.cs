using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Autocomplete;

/// <summary>What the autocomplete model is asked, and the schema that holds its answer to a short list of strings.</summary>
internal static class AutocompletePrompt
{
    /// <summary>Longest value the model may propose: a parameter value, not prose.</summary>
    public const int MaxValueLength = 100;

    public static ChatResponseFormat Format(int limit)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = MaxValueLength },
                    ["maxItems"] = limit,
                },
            },
            ["required"] = new JsonArray("values"),
            ["additionalProperties"] = false,
        };
        return ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema, AnalyticsJsonContext.Default.JsonObject), "suggestions");
    }

    public static List<ChatMessage> Messages(AutocompleteContext context, string parameter, int limit, IEnumerable<string> known)
    {
        var system = $$"""
            You help a technician at an industrial plant fill in a form. Suggest up to {{limit}} likely values for the
            parameter they are about to enter, the most likely first. Answer with JSON only: {"values": ["..."]}.
            """;
        var user = new StringBuilder().Append("Parameter: ").AppendLine(parameter).AppendLine("Context:").AppendLine(context.Text);
        var seen = known.ToList();
        if (seen.Count > 0) user.Append("Values accepted before in similar contexts: ").AppendJoin(", ", seen).AppendLine();
        return [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user.ToString())];
    }

    /// <summary>The values in the model's answer, trimmed, without empties; none when it does not parse.</summary>
    public static IEnumerable<string> Answer(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
                return [];
            return values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => v.GetString()!.Trim()).Where(v => v.Length is > 0 and <= MaxValueLength).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
