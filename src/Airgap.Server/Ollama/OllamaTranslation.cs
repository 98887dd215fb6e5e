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
    public static ChatOptions ToChatOptions(string? model, Dictionary<string, JsonElement>? options, JsonElement? format,
        JsonElement? keepAlive, int? priority, int? headerPriority)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new InvalidRequestException("model", "is required");
        var chat = new ChatOptions { ModelId = model, AdditionalProperties = [] };
        foreach (var (key, value) in options ?? [])
        {
            switch (key)
            {
                case "temperature": chat.Temperature = Number(value, key); break;
                case "top_p": chat.TopP = Number(value, key); break;
                case "top_k": chat.TopK = Integer(value, key); break;
                case "seed": chat.Seed = Integer(value, key); break;
                case "num_predict": chat.MaxOutputTokens = Integer(value, key); break;
                case "presence_penalty": chat.PresencePenalty = Number(value, key); break;
                case "frequency_penalty": chat.FrequencyPenalty = Number(value, key); break;
                case "min_p": chat.AdditionalProperties[AirgapChatProperties.MinP] = Number(value, key); break;
                case "repeat_penalty": chat.AdditionalProperties[AirgapChatProperties.RepeatPenalty] = Number(value, key); break;
                case "repeat_last_n": chat.AdditionalProperties[AirgapChatProperties.RepeatLastN] = Integer(value, key); break;
                case "ignore_eos": chat.AdditionalProperties[AirgapChatProperties.IgnoreEos] = value.ValueKind == JsonValueKind.True; break;
                case "stop":
                    chat.StopSequences = value.ValueKind == JsonValueKind.Array
                        ? value.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new InvalidRequestException("options.stop", "must be a list of strings")).ToList()
                        : throw new InvalidRequestException("options.stop", "must be a list of strings");
                    break;
            }
        }
        chat.ResponseFormat = Format(format);
        if (KeepAlive.Parse(keepAlive) is { } keep) chat.AdditionalProperties[AirgapChatProperties.KeepAlive] = keep;
        chat.AdditionalProperties[AirgapChatProperties.Priority] = priority ?? headerPriority ?? 0;
        return chat;
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
        _ = Inference.Grammar.JsonGrammar.FromSchema(schema, field);
        return ChatResponseFormat.ForJsonSchema(schema, name);
    }

    public static List<ChatMessage> ToMessages(IReadOnlyList<OllamaMessage>? messages)
    {
        var result = new List<ChatMessage>();
        for (var i = 0; i < (messages?.Count ?? 0); i++)
        {
            var m = messages![i];
            var role = m.Role switch
            {
                "system" => ChatRole.System, "user" => ChatRole.User, "assistant" => ChatRole.Assistant, "tool" => ChatRole.Tool,
                _ => throw new InvalidRequestException($"messages[{i}].role", $"'{m.Role}' is not one of system, user, assistant, tool"),
            };
            var message = new ChatMessage(role, []);
            if (role == ChatRole.Tool) message.Contents.Add(new FunctionResultContent(m.ToolName ?? "tool", m.Content ?? ""));
            else if (!string.IsNullOrEmpty(m.Content)) message.Contents.Add(new TextContent(m.Content));
            foreach (var call in m.ToolCalls ?? [])
            {
                var arguments = call.Function.Arguments is { ValueKind: JsonValueKind.Object } a
                    ? a.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                    : [];
                message.Contents.Add(new FunctionCallContent($"call_{i}", call.Function.Name, arguments));
            }
            result.Add(message);
        }
        return result;
    }

    public static List<AITool> ToTools(IReadOnlyList<OllamaTool>? tools) =>
        (tools ?? []).Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Function.Name, t.Function.Description ?? "",
            t.Function.Parameters is { ValueKind: JsonValueKind.Object } p ? p.Clone() : JsonDocument.Parse("{\"type\":\"object\"}").RootElement)).ToList();

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
            PromptEvalCount = stats?.PromptTokens ?? 0,
            PromptEvalDuration = Nanos(stats?.PromptTime ?? TimeSpan.Zero),
            EvalCount = stats?.GeneratedTokens ?? 0,
            EvalDuration = Nanos(stats?.GenerateTime ?? TimeSpan.Zero),
        };
    }

    public static long Nanos(TimeSpan t) => t.Ticks * 100;

    private static float Number(JsonElement v, string key) =>
        v.ValueKind == JsonValueKind.Number ? v.GetSingle() : throw new InvalidRequestException($"options.{key}", "must be a number");

    private static int Integer(JsonElement v, string key) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw new InvalidRequestException($"options.{key}", "must be an integer");
}
