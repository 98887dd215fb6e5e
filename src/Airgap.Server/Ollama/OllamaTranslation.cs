using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Server.Wire;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Ollama;

/// <summary>Ollama's wire fields to M.E.AI options and messages, and final updates back to Ollama's statistics.</summary>
public static class OllamaTranslation
{
    /// <summary>The chat options of a request; <paramref name="ignored"/> gets the <c>options</c> keys this server does not act on.</summary>
    public static ChatOptions ToChatOptions(string? model, Dictionary<string, JsonElement>? options, JsonElement? format,
        JsonElement? keepAlive, int? priority, int? headerPriority, int servedContext, out List<string> ignored)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new InvalidRequestException("model", "is required");
        var chat = new ChatOptions { ModelId = model, AdditionalProperties = [] };
        ignored = OllamaOptions.Apply(chat, options, servedContext);
        chat.ResponseFormat = Format(format);
        if (KeepAlive.Parse(keepAlive) is { } keep) chat.AdditionalProperties[AirgapChatProperties.KeepAlive] = keep;
        chat.AdditionalProperties[AirgapChatProperties.Priority] = priority ?? headerPriority ?? 0;
        return chat;
    }

    /// <summary>
    /// A message's <c>images</c> (base64) as image contents, each naming its field; a model without a vision projector
    /// refuses them later by name, never drops them (that would answer a different question).
    /// </summary>
    public static List<AIContent> Images(JsonElement? images, string field)
    {
        if (images is not { } value || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new InvalidRequestException(field, "must be a list of base64 images");
        return value.EnumerateArray().Select((image, i) => (AIContent)ImageParts.FromBase64(image, $"{field}[{i}]")).ToList();
    }

    public static ChatResponseFormat? Format(JsonElement? format) => format switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } f when f.GetString() == "json" => ChatResponseFormat.Json,
        { ValueKind: JsonValueKind.String } f when f.GetString() == "" => null,
        { ValueKind: JsonValueKind.Object } f => CheckedSchema(f.Clone(), "format"),
        _ => throw new InvalidRequestException("format", "must be \"json\" or a JSON schema object"),
    };

    /// <summary>A JSON-schema format whose grammar compiles, so a bad schema is reported under the caller's field name.</summary>
    public static ChatResponseFormat CheckedSchema(JsonElement schema, string field, string? name = null)
    {
        try
        {
            _ = Inference.Grammar.JsonGrammar.FromSchema(schema, field);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException or FormatException)
        {
            // A schema node of the wrong JSON kind ("properties": [], "items": "x") surfaces as a JsonElement misuse.
            throw new InvalidRequestException(field, $"is not a valid JSON schema: a keyword has a value of the wrong JSON kind ({e.Message})");
        }
        return ChatResponseFormat.ForJsonSchema(schema, name);
    }

    public static List<ChatMessage> ToMessages(IReadOnlyList<OllamaMessage?>? messages)
    {
        var result = new List<ChatMessage>();
        for (var i = 0; i < (messages?.Count ?? 0); i++)
        {
            var m = messages![i] ?? throw new InvalidRequestException($"messages[{i}]", "must be a message object, not null");
            var role = m.Role switch
            {
                "system" => ChatRole.System, "user" => ChatRole.User, "assistant" => ChatRole.Assistant, "tool" => ChatRole.Tool,
                _ => throw new InvalidRequestException($"messages[{i}].role", $"'{m.Role}' is not one of system, user, assistant, tool"),
            };
            // Images first, then the words about them, as Ollama places them.
            var message = new ChatMessage(role, Images(m.Images, $"messages[{i}].images"));
            if (role == ChatRole.Tool) message.Contents.Add(new FunctionResultContent(m.ToolName ?? "tool", m.Content ?? ""));
            else if (!string.IsNullOrEmpty(m.Content)) message.Contents.Add(new TextContent(m.Content));
            for (var c = 0; c < (m.ToolCalls?.Count ?? 0); c++)
            {
                var field = $"messages[{i}].tool_calls[{c}]";
                var call = m.ToolCalls![c] ?? throw new InvalidRequestException(field, "must be a tool call object, not null");
                var function = call.Function ?? throw new InvalidRequestException(field + ".function", "is required");
                if (string.IsNullOrEmpty(function.Name)) throw new InvalidRequestException(field + ".function.name", "is required");
                var arguments = function.Arguments switch
                {
                    null => [],
                    { ValueKind: JsonValueKind.Object } a => a.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()),
                    _ => throw new InvalidRequestException(field + ".function.arguments", "must be a JSON object"),
                };
                message.Contents.Add(new FunctionCallContent($"call_{i}_{c}", function.Name, arguments));
            }
            result.Add(message);
        }
        return result;
    }

    public static List<AITool> ToTools(IReadOnlyList<OllamaTool?>? tools)
    {
        var result = new List<AITool>();
        for (var i = 0; i < (tools?.Count ?? 0); i++)
        {
            var tool = tools![i] ?? throw new InvalidRequestException($"tools[{i}]", "must be a tool object, not null");
            var function = tool.Function ?? throw new InvalidRequestException($"tools[{i}].function", "is required");
            if (string.IsNullOrEmpty(function.Name)) throw new InvalidRequestException($"tools[{i}].function.name", "is required");
            result.Add(AIFunctionFactory.CreateDeclaration(function.Name, function.Description ?? "", Parameters(function.Parameters, $"tools[{i}].function.parameters")));
        }
        return result;
    }

    /// <summary>A tool's parameter schema: absent means any object; anything but an object is refused.</summary>
    public static JsonElement Parameters(JsonElement? parameters, string field) => parameters switch
    {
        null => JsonDocument.Parse("{\"type\":\"object\"}").RootElement,
        { ValueKind: JsonValueKind.Object } p => p.Clone(),
        _ => throw new InvalidRequestException(field, "must be a JSON schema object"),
    };

    /// <summary>The statistics of a final update in Ollama's nanoseconds.</summary>
    public static OllamaResponse WithStats(OllamaResponse line, ChatResponseUpdate final, TimeSpan total)
    {
        var stats = final.AdditionalProperties?[AirgapChatProperties.Stats] as GenerationStats;
        var reason = final.AdditionalProperties?[AirgapChatProperties.DoneReason] as DoneReason?;
        return line with
        {
            Done = true,
            DoneReason = reason switch { DoneReason.Length => "length", DoneReason.Timeout => "timeout", _ => "stop" },
            TotalDuration = Nanos(total),
            LoadDuration = Nanos(stats?.LoadTime ?? TimeSpan.Zero),
            // The duration covers only the tokens evaluated, not those reused from the KV cache: count the same ones.
            PromptEvalCount = stats is null ? 0 : stats.PromptTokens - stats.CachedPromptTokens,
            PromptEvalDuration = Nanos(stats?.PromptTime ?? TimeSpan.Zero),
            EvalCount = stats?.GeneratedTokens ?? 0,
            EvalDuration = Nanos(stats?.GenerateTime ?? TimeSpan.Zero),
        };
    }

    public static long Nanos(TimeSpan t) => t.Ticks * 100;
}
