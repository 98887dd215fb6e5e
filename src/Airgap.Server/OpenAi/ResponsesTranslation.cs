using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Server.OpenAi;

/// <summary>The Responses API's request (input items, instructions, tools, text.format) to M.E.AI messages and options.</summary>
public static class ResponsesTranslation
{
    private const string Stateless = "is not supported: Airgap stores no responses, so send the whole conversation in input";

    /// <summary>Options for the chat pipeline; refuses, by name, what a stateless local server cannot honour.</summary>
    public static ChatOptions ToChatOptions(ResponsesRequest r, int? headerPriority)
    {
        if (r.PreviousResponseId is not null) throw new InvalidRequestException("previous_response_id", Stateless);
        if (r.Conversation is { ValueKind: not JsonValueKind.Null }) throw new InvalidRequestException("conversation", Stateless);
        if (r.Background == true) throw new InvalidRequestException("background", "is not supported: responses are answered while the request waits");
        if (r.Prompt is { ValueKind: not JsonValueKind.Null }) throw new InvalidRequestException("prompt", "is not supported: stored prompt templates need OpenAI's dashboard");
        if (r.TopLogprobs is > 0) throw new InvalidRequestException("top_logprobs", "is not supported");
        if (string.IsNullOrWhiteSpace(r.Model)) throw new InvalidRequestException("model", "is required");
        if (r.MaxOutputTokens is < 1) throw new InvalidRequestException("max_output_tokens", "must be at least 1");
        if (r.Truncation is not (null or "disabled" or "auto")) throw new InvalidRequestException("truncation", $"'{r.Truncation}' is not auto or disabled");
        var options = new ChatOptions
        {
            ModelId = r.Model,
            Temperature = r.Temperature,
            TopP = r.TopP,
            MaxOutputTokens = r.MaxOutputTokens,
            Seed = r.Seed,
            ResponseFormat = TextFormat(r.Text?.Format),
            AdditionalProperties = new()
            {
                [AirgapChatProperties.Priority] = r.Priority ?? headerPriority ?? 0,
                // OpenAI has no repetition penalty; llama.cpp's default would change what the same request gives.
                [AirgapChatProperties.RepeatPenalty] = 1f,
            },
        };
        if (r.Tools is { Count: > 0 } tools)
        {
            options.Tools = tools.Select(Tool).ToList();
            options.ToolMode = ToolMode(r.ToolChoice, options.Tools);
        }
        else if (r.ToolChoice is { ValueKind: JsonValueKind.Object } || r.ToolChoice is { ValueKind: JsonValueKind.String } c && c.GetString() == "required")
            throw new InvalidRequestException("tool_choice", "asks for a function call but no tools were given");
        return options;
    }

    /// <summary>Instructions as the system turn, then each input item; function calls join the assistant turn before them.</summary>
    public static List<ChatMessage> ToMessages(ResponsesRequest r)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrEmpty(r.Instructions)) messages.Add(new ChatMessage(ChatRole.System, r.Instructions));
        switch (r.Input)
        {
            case { ValueKind: JsonValueKind.String } text:
                messages.Add(new ChatMessage(ChatRole.User, text.GetString()));
                return messages;
            case { ValueKind: JsonValueKind.Array } items when items.GetArrayLength() > 0:
                var i = 0;
                foreach (var item in items.EnumerateArray()) Add(messages, item, $"input[{i++}]");
                return messages;
            case { ValueKind: JsonValueKind.Array }:
                throw new InvalidRequestException("input", "must hold at least one item");
            case null or { ValueKind: JsonValueKind.Null }:
                throw new InvalidRequestException("input", "is required");
            default:
                throw new InvalidRequestException("input", "must be a string or a list of input items");
        }
    }

    private static void Add(List<ChatMessage> messages, JsonElement item, string field)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new InvalidRequestException(field, "must be an input item object");
        var type = item.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : throw new InvalidRequestException($"{field}.type", "must be a string") : "message";
        switch (type)
        {
            case "message":
                var role = String(item, "role", field, required: true);
                var text = Content(item.TryGetProperty("content", out var c) ? c : null, $"{field}.content");
                messages.Add(role switch
                {
                    "user" => new ChatMessage(ChatRole.User, text),
                    "system" or "developer" => new ChatMessage(ChatRole.System, text),
                    "assistant" => new ChatMessage(ChatRole.Assistant, text),
                    _ => throw new InvalidRequestException($"{field}.role", $"'{role}' is not one of user, system, developer, assistant"),
                });
                break;
            case "function_call":
                var call = new FunctionCallContent(String(item, "call_id", field, required: true)!, String(item, "name", field, required: true)!,
                    Arguments(String(item, "arguments", field, required: false), $"{field}.arguments"));
                // A call belongs to the assistant turn it came from, as tool_calls sit beside content in chat completions.
                if (messages.Count > 0 && messages[^1].Role == ChatRole.Assistant) messages[^1].Contents.Add(call);
                else messages.Add(new ChatMessage(ChatRole.Assistant, [call]));
                break;
            case "function_call_output":
                var callId = String(item, "call_id", field, required: true)!;
                var output = Content(item.TryGetProperty("output", out var o) ? o : null, $"{field}.output");
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, output)]));
                break;
            case "item_reference":
                throw new InvalidRequestException($"{field}.type", "'item_reference' is not supported: Airgap stores no items, so send the item itself");
            default:
                throw new InvalidRequestException($"{field}.type", $"'{type}' is not one of message, function_call, function_call_output");
        }
    }

    private static string? String(JsonElement item, string name, string field, bool required) =>
        item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidRequestException($"{field}.{name}", "must be a string")
            : required ? throw new InvalidRequestException($"{field}.{name}", "is required") : null;

    private static string Content(JsonElement? content, string field) => content switch
    {
        null or { ValueKind: JsonValueKind.Null } => "",
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        { ValueKind: JsonValueKind.Array } parts => string.Concat(parts.EnumerateArray().Select((p, i) => Part(p, $"{field}[{i}]"))),
        _ => throw new InvalidRequestException(field, "must be a string or a list of content parts"),
    };

    private static string Part(JsonElement part, string field)
    {
        if (part.ValueKind != JsonValueKind.Object) throw new InvalidRequestException(field, "must be a content part object");
        var type = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var key = type switch
        {
            "input_text" or "output_text" or "text" => "text",
            "refusal" => "refusal",
            _ => throw new InvalidRequestException(field, $"'{type}' parts are not supported: only input_text, output_text and refusal"),
        };
        return part.TryGetProperty(key, out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new InvalidRequestException($"{field}.{key}", "must be a string");
    }

    private static ChatResponseFormat? TextFormat(JsonElement? format)
    {
        if (format is null or { ValueKind: JsonValueKind.Null }) return null;
        if (format.Value.ValueKind != JsonValueKind.Object) throw new InvalidRequestException("text.format", "must be an object");
        var f = format.Value;
        var type = f.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            "text" => null,
            "json_object" => ChatResponseFormat.Json,
            "json_schema" when f.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object =>
                Ollama.OllamaTranslation.CheckedSchema(schema.Clone(), "text.format.schema",
                    f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null),
            "json_schema" => throw new InvalidRequestException("text.format.schema", "is required and must be an object"),
            _ => throw new InvalidRequestException("text.format.type", $"'{type}' is not one of text, json_object, json_schema"),
        };
    }

    private static AITool Tool(JsonElement tool, int i)
    {
        var field = $"tools[{i}]";
        if (tool.ValueKind != JsonValueKind.Object) throw new InvalidRequestException(field, "must be a tool object");
        var type = String(tool, "type", field, required: true);
        if (type != "function") throw new InvalidRequestException($"{field}.type", $"'{type}' is not supported: only function tools run locally");
        var name = String(tool, "name", field, required: true)!;
        if (name.Length == 0) throw new InvalidRequestException($"{field}.name", "must not be empty");
        var parameters = tool.TryGetProperty("parameters", out var p) && p.ValueKind != JsonValueKind.Null
            ? p.ValueKind == JsonValueKind.Object ? p.Clone() : throw new InvalidRequestException($"{field}.parameters", "must be a JSON schema object")
            : JsonDocument.Parse("{\"type\":\"object\"}").RootElement;
        return AIFunctionFactory.CreateDeclaration(name, String(tool, "description", field, required: false) ?? "", parameters);
    }

    private static ChatToolMode ToolMode(JsonElement? choice, IList<AITool> tools) => choice switch
    {
        null or { ValueKind: JsonValueKind.Null } => ChatToolMode.Auto,
        { ValueKind: JsonValueKind.String } s => s.GetString() switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            var other => throw new InvalidRequestException("tool_choice", $"'{other}' is not auto, none, required or a named function"),
        },
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "function"
                                                && o.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String =>
            tools.Any(tool => tool.Name == n.GetString())
                ? ChatToolMode.RequireSpecific(n.GetString()!)
                : throw new InvalidRequestException("tool_choice", $"names '{n.GetString()}', which is not among the tools"),
        _ => throw new InvalidRequestException("tool_choice", "must be auto, none, required or {\"type\":\"function\",\"name\":…}"),
    };

    private static Dictionary<string, object?> Arguments(string? json, string field)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                : throw new InvalidRequestException(field, "must be a JSON object");
        }
        catch (JsonException)
        {
            throw new InvalidRequestException(field, "is not valid JSON");
        }
    }
}
