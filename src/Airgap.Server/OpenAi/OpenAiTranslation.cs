using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Server.OpenAi;

/// <summary>OpenAI's chat wire fields to M.E.AI messages and options, and M.E.AI results back to OpenAI's names.</summary>
public static class OpenAiTranslation
{
    public static ChatOptions ToChatOptions(OpenAiChatRequest r, int? headerPriority)
    {
        var options = Common(r.Model, r.N, r.Temperature, r.TopP, r.MaxCompletionTokens ?? r.MaxTokens, r.Stop, r.Seed,
            r.FrequencyPenalty, r.PresencePenalty, r.Priority ?? headerPriority);
        options.ResponseFormat = ResponseFormat(r.ResponseFormat);
        if (r.Tools is { Count: > 0 })
        {
            options.Tools = r.Tools.Select((t, i) => t.Function?.Name is { Length: > 0 } name
                ? (AITool)AIFunctionFactory.CreateDeclaration(name, t.Function.Description ?? "",
                    t.Function.Parameters is { ValueKind: JsonValueKind.Object } p ? p.Clone() : JsonDocument.Parse("{\"type\":\"object\"}").RootElement)
                : throw new InvalidRequestException($"tools[{i}].function.name", "is required")).ToList();
            options.ToolMode = ToolMode(r.ToolChoice);
        }
        return options;
    }

    public static ChatOptions ToCompletionOptions(OpenAiCompletionRequest r, int? headerPriority)
    {
        var options = Common(r.Model, r.N, r.Temperature, r.TopP, r.MaxTokens ?? 16, r.Stop, r.Seed, r.FrequencyPenalty, r.PresencePenalty, r.Priority ?? headerPriority);
        options.AdditionalProperties![AirgapChatProperties.Raw] = true;
        return options;
    }

    private static ChatOptions Common(string? model, int? n, float? temperature, float? topP, int? maxTokens, JsonElement? stop, long? seed,
        float? frequency, float? presence, int? priority)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new InvalidRequestException("model", "is required");
        if (n is not (null or 1)) throw new InvalidRequestException("n", "only n=1 is supported");
        if (maxTokens is < 1) throw new InvalidRequestException("max_tokens", "must be at least 1");
        return new ChatOptions
        {
            ModelId = model,
            Temperature = temperature,
            TopP = topP,
            MaxOutputTokens = maxTokens,
            StopSequences = Stop(stop),
            Seed = seed,
            FrequencyPenalty = frequency,
            PresencePenalty = presence,
            AdditionalProperties = new() { [AirgapChatProperties.Priority] = priority ?? 0 },
        };
    }

    public static List<ChatMessage> ToMessages(IReadOnlyList<OpenAiRequestMessage>? messages)
    {
        if (messages is null || messages.Count == 0) throw new InvalidRequestException("messages", "must hold at least one message");
        var result = new List<ChatMessage>();
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            var text = Content(m.Content, $"messages[{i}].content");
            ChatMessage message = m.Role switch
            {
                "system" or "developer" => new(ChatRole.System, text),
                "user" => new(ChatRole.User, text),
                "assistant" => new(ChatRole.Assistant, text),
                "tool" => new(ChatRole.Tool, [new FunctionResultContent(m.ToolCallId ?? "", text)]),
                _ => throw new InvalidRequestException($"messages[{i}].role", $"'{m.Role}' is not one of system, developer, user, assistant, tool"),
            };
            foreach (var call in m.ToolCalls ?? [])
                message.Contents.Add(new FunctionCallContent(call.Id, call.Function.Name, ParseArguments(call.Function.Arguments, $"messages[{i}].tool_calls")));
            result.Add(message);
        }
        return result;
    }

    public static string FinishReason(ChatFinishReason? reason) =>
        reason == ChatFinishReason.Length ? "length" : reason == ChatFinishReason.ToolCalls ? "tool_calls" : "stop";

    public static List<OpenAiToolCall>? ToolCalls(IEnumerable<AIContent> contents, bool indexed)
    {
        var calls = contents.OfType<FunctionCallContent>()
            .Select((c, i) => new OpenAiToolCall(c.CallId, "function",
                new OpenAiFunctionCall(c.Name, JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions)),
                indexed ? i : null))
            .ToList();
        return calls.Count == 0 ? null : calls;
    }

    private static string Content(JsonElement? content, string field) => content switch
    {
        null => "",
        { ValueKind: JsonValueKind.Null } => "",
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        { ValueKind: JsonValueKind.Array } parts => string.Concat(parts.EnumerateArray().Select((p, i) =>
            p.TryGetProperty("type", out var t) && t.GetString() == "text" && p.TryGetProperty("text", out var x) ? x.GetString()
            : throw new InvalidRequestException($"{field}[{i}]", "only text parts are supported"))),
        _ => throw new InvalidRequestException(field, "must be a string or a list of content parts"),
    };

    private static List<string>? Stop(JsonElement? stop) => stop switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } s => [s.GetString()!],
        { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() <= 4 => a.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InvalidRequestException("stop", "must be strings")).ToList(),
        _ => throw new InvalidRequestException("stop", "must be a string or a list of up to 4 strings"),
    };

    private static ChatResponseFormat? ResponseFormat(JsonElement? format)
    {
        if (format is not { ValueKind: JsonValueKind.Object } f) return null;
        var type = f.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            "text" => null,
            "json_object" => ChatResponseFormat.Json,
            "json_schema" when f.TryGetProperty("json_schema", out var js) && js.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object =>
                Ollama.OllamaTranslation.CheckedSchema(schema.Clone(), "response_format.json_schema.schema", js.TryGetProperty("name", out var n) ? n.GetString() : null),
            "json_schema" => throw new InvalidRequestException("response_format.json_schema.schema", "is required and must be an object"),
            _ => throw new InvalidRequestException("response_format.type", $"'{type}' is not one of text, json_object, json_schema"),
        };
    }

    private static ChatToolMode ToolMode(JsonElement? choice) => choice switch
    {
        null => ChatToolMode.Auto,
        { ValueKind: JsonValueKind.String } s => s.GetString() switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            var other => throw new InvalidRequestException("tool_choice", $"'{other}' is not auto, none, required or a named function"),
        },
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("function", out var fn) && fn.TryGetProperty("name", out var name) =>
            ChatToolMode.RequireSpecific(name.GetString()!),
        _ => throw new InvalidRequestException("tool_choice", "must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":…}}"),
    };

    private static Dictionary<string, object?> ParseArguments(string json, string field)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                : throw new InvalidRequestException(field, "function arguments must be a JSON object");
        }
        catch (JsonException)
        {
            throw new InvalidRequestException(field, "function arguments are not valid JSON");
        }
    }
}
