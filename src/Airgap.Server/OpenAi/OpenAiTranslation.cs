using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Server.Ollama;
using Airgap.Server.Wire;
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
            options.Tools = r.Tools.Select((t, i) => t?.Function is { } f
                ? f.Name is { Length: > 0 } name
                    ? (AITool)AIFunctionFactory.CreateDeclaration(name, f.Description ?? "", OllamaTranslation.Parameters(f.Parameters, $"tools[{i}].function.parameters"))
                    : throw new InvalidRequestException($"tools[{i}].function.name", "is required")
                : throw new InvalidRequestException($"tools[{i}]" + (t is null ? "" : ".function"), "must be a function tool: {\"type\":\"function\",\"function\":{\"name\":…}}")).ToList();
            options.ToolMode = ToolMode(r.ToolChoice);
            if (options.ToolMode is RequiredChatToolMode) CheckToolGrammar(options.Tools);
        }
        return options;
    }

    // A required call is grammar-constrained: a parameter schema the grammar cannot take is the request's fault.
    private static void CheckToolGrammar(IList<AITool> tools)
    {
        try
        {
            _ = Inference.Grammar.JsonGrammar.ToolCall(tools.OfType<AIFunctionDeclaration>().Select(t => (t.Name, t.JsonSchema)).ToList());
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException or FormatException)
        {
            throw new InvalidRequestException("tools", $"a parameter schema has a keyword whose value is of the wrong JSON kind ({e.Message})");
        }
    }

    public static ChatOptions ToCompletionOptions(OpenAiCompletionRequest r, int? headerPriority)
    {
        if (!string.IsNullOrEmpty(r.Suffix))
            throw new InvalidRequestException("suffix", "fill-in-the-middle is not supported by this server yet; send the text before the gap as the prompt");
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
            // A negative seed asks for none (as Ollama's -1 does), so the answer is sampled afresh and not cached.
            Seed = seed is >= 0 ? seed : null,
            FrequencyPenalty = frequency,
            PresencePenalty = presence,
            // OpenAI has no repeat penalty: 1.0 switches off the 1.1 default that Ollama requests get.
            AdditionalProperties = new() { [AirgapChatProperties.Priority] = priority ?? 0, [AirgapChatProperties.RepeatPenalty] = 1.0f },
        };
    }

    public static List<ChatMessage> ToMessages(IReadOnlyList<OpenAiRequestMessage?>? messages)
    {
        if (messages is null || messages.Count == 0) throw new InvalidRequestException("messages", "must hold at least one message");
        var result = new List<ChatMessage>();
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw new InvalidRequestException($"messages[{i}]", "must be a message object, not null");
            var contents = Content(m.Content, $"messages[{i}].content");
            var text = string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
            if (m.Role != "user" && contents.OfType<DataContent>().FirstOrDefault() is { } image)
                throw new InvalidRequestException((string)image.AdditionalProperties![AirgapChatProperties.Field]!, "is an image in a message that is not the user's; images go in user messages");
            ChatMessage message = m.Role switch
            {
                "system" or "developer" => new(ChatRole.System, text),
                "user" => new(ChatRole.User, contents),
                "assistant" => new(ChatRole.Assistant, text),
                "tool" => new(ChatRole.Tool, [new FunctionResultContent(m.ToolCallId ?? "", text)]),
                _ => throw new InvalidRequestException($"messages[{i}].role", $"'{m.Role}' is not one of system, developer, user, assistant, tool"),
            };
            for (var c = 0; c < (m.ToolCalls?.Count ?? 0); c++)
                message.Contents.Add(ToCall(m.ToolCalls![c], $"messages[{i}].tool_calls[{c}]"));
            result.Add(message);
        }
        return result;
    }

    private static FunctionCallContent ToCall(OpenAiToolCall? call, string field)
    {
        if (call is null) throw new InvalidRequestException(field, "must be a tool call object, not null");
        if (string.IsNullOrEmpty(call.Id)) throw new InvalidRequestException(field + ".id", "is required");
        var function = call.Function ?? throw new InvalidRequestException(field + ".function", "is required");
        if (string.IsNullOrEmpty(function.Name)) throw new InvalidRequestException(field + ".function.name", "is required");
        return new FunctionCallContent(call.Id, function.Name, ParseArguments(function.Arguments, field + ".function.arguments"));
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

    // A string, or parts in order: text, and images as base64 data: URLs (a vision model sees them where they stand).
    private static List<AIContent> Content(JsonElement? content, string field) => content switch
    {
        null => [],
        { ValueKind: JsonValueKind.Null } => [],
        { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } text ? [new TextContent(text)] : [],
        { ValueKind: JsonValueKind.Array } parts => parts.EnumerateArray().Select((p, i) => Part(p, $"{field}[{i}]")).ToList(),
        _ => throw new InvalidRequestException(field, "must be a string or a list of content parts"),
    };

    private static AIContent Part(JsonElement part, string field)
    {
        if (part.ValueKind != JsonValueKind.Object) throw new InvalidRequestException(field, "must be a content part object");
        if (!part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) throw new InvalidRequestException(field + ".type", "must be a string");
        switch (type.GetString())
        {
            case "text":
                return part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                    ? new TextContent(text.GetString()!)
                    : throw new InvalidRequestException(field + ".text", "must be a string");
            case "image_url":
                if (!part.TryGetProperty("image_url", out var image) || image.ValueKind != JsonValueKind.Object)
                    throw new InvalidRequestException(field + ".image_url", "must be an object with a url: {\"url\": \"data:image/png;base64,…\"}");
                if (!image.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
                    throw new InvalidRequestException(field + ".image_url.url", "must be a string");
                return ImageParts.FromDataUrl(url.GetString()!, field + ".image_url.url");
            default:
                throw new InvalidRequestException(field, $"'{type.GetString()}' parts are not supported: a part is text or an image_url");
        }
    }

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
        if (format is null) return null;
        if (format is not { ValueKind: JsonValueKind.Object } f) throw new InvalidRequestException("response_format", "must be an object such as {\"type\":\"json_object\"}");
        var type = f.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : throw new InvalidRequestException("response_format.type", "must be a string") : null;
        if (type != "json_schema")
            return type switch
            {
                "text" => null,
                "json_object" => ChatResponseFormat.Json,
                _ => throw new InvalidRequestException("response_format.type", $"'{type}' is not one of text, json_object, json_schema"),
            };
        if (!f.TryGetProperty("json_schema", out var js) || js.ValueKind != JsonValueKind.Object)
            throw new InvalidRequestException(js.ValueKind == JsonValueKind.Undefined ? "response_format.json_schema.schema" : "response_format.json_schema",
                js.ValueKind == JsonValueKind.Undefined ? "is required and must be an object" : "must be an object with name and schema");
        var name = js.TryGetProperty("name", out var n)
            ? n.ValueKind == JsonValueKind.String ? n.GetString() : throw new InvalidRequestException("response_format.json_schema.name", "must be a string")
            : null;
        return js.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object
            ? OllamaTranslation.CheckedSchema(schema.Clone(), "response_format.json_schema.schema", name)
            : throw new InvalidRequestException("response_format.json_schema.schema", "is required and must be an object");
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
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("function", out var fn) && fn.ValueKind == JsonValueKind.Object
            && fn.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String =>
            ChatToolMode.RequireSpecific(name.GetString()!),
        _ => throw new InvalidRequestException("tool_choice", "must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":…}}"),
    };

    private static Dictionary<string, object?> ParseArguments(string? json, string field)
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
