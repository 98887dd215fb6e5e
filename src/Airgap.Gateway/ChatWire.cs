using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Generation;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway;

/// <summary>Chat requests and updates as they cross NATS: M.E.AI's own JSON, with Airgap's statistics restored to their types.</summary>
internal static class ChatWire
{
    private static JsonSerializerOptions Json => AIJsonUtilities.DefaultOptions;

    public static JsonElement Messages(IEnumerable<ChatMessage> messages) => JsonSerializer.SerializeToElement(messages.ToList(), Json);

    /// <summary>The conversation a worker runs: images keep the request field they came from, for a refusal that names it.</summary>
    public static List<ChatMessage> Messages(JsonElement json)
    {
        var messages = json.Deserialize<List<ChatMessage>>(Json) ?? throw new JsonException("a job holds no messages");
        foreach (var content in messages.SelectMany(m => m.Contents))
        {
            if (content.AdditionalProperties is { } extra && extra.TryGetValue(AirgapChatProperties.Field, out var field) && field is JsonElement { ValueKind: JsonValueKind.String } text)
                extra[AirgapChatProperties.Field] = text.GetString();
        }
        return messages;
    }

    /// <summary>The options without their tools (functions do not travel; <see cref="Tools"/> carries their declarations).</summary>
    public static JsonElement? Options(ChatOptions? options)
    {
        if (options is null) return null;
        var copy = options.Clone();
        copy.Tools = null;
        copy.RawRepresentationFactory = null;
        return JsonSerializer.SerializeToElement(copy, Json);
    }

    public static List<ToolDeclaration>? Tools(ChatOptions? options) =>
        options?.Tools is { Count: > 0 } tools
            ? tools.OfType<AIFunctionDeclaration>().Select(t => new ToolDeclaration(t.Name, t.Description, t.JsonSchema)).ToList()
            : null;

    /// <summary>The options a worker runs the job with, its tools declared again.</summary>
    public static ChatOptions Options(GatewayJob job)
    {
        var options = job.Options is { } json ? json.Deserialize<ChatOptions>(Json) ?? new ChatOptions() : new ChatOptions();
        options.ModelId = job.Model;
        options.AdditionalProperties ??= [];
        if (job.Tools is { Count: > 0 } tools)
            options.Tools = tools.Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description ?? "", t.Schema)).ToList();
        return options;
    }

    public static JsonElement Update(ChatResponseUpdate update) => JsonSerializer.SerializeToElement(update, Json);

    /// <summary>An update as the worker's client produced it: statistics and done reason typed again for the endpoints.</summary>
    public static ChatResponseUpdate Update(JsonElement json)
    {
        var update = json.Deserialize<ChatResponseUpdate>(Json) ?? throw new JsonException("a frame holds no update");
        if (update.AdditionalProperties is { } extra)
        {
            if (extra.TryGetValue(AirgapChatProperties.Stats, out var stats) && stats is JsonElement statsJson)
                extra[AirgapChatProperties.Stats] = statsJson.Deserialize<GenerationStats>(Json);
            if (extra.TryGetValue(AirgapChatProperties.DoneReason, out var reason) && reason is JsonElement reasonJson)
                extra[AirgapChatProperties.DoneReason] = reasonJson.Deserialize<DoneReason>(Json);
        }
        return update;
    }
}
