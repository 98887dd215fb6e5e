using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Grammar;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>Turns M.E.AI chat options into generation options, a grammar, a priority and a keep_alive.</summary>
public static class ChatOptionsMapping
{
    public static GenerationOptions ToGenerationOptions(ChatOptions? options, string? toolGrammar)
    {
        var defaults = new GenerationOptions();
        if (options is null) return defaults with { Grammar = toolGrammar, GrammarField = "tools" };
        var extra = options.AdditionalProperties;
        var (grammar, grammarField) = toolGrammar is not null ? (toolGrammar, "tools")
            : Get<string>(extra, AirgapChatProperties.Grammar) is { } raw ? (JsonGrammar.Bounded(raw, AirgapChatProperties.Grammar), AirgapChatProperties.Grammar)
            : (ResponseGrammar(options.ResponseFormat), "response_format");
        return new GenerationOptions
        {
            Temperature = Range(options.Temperature ?? defaults.Temperature, 0, 2, "temperature"),
            TopK = options.TopK ?? defaults.TopK,
            TopP = Range(options.TopP ?? defaults.TopP, 0, 1, "top_p"),
            MinP = Range(Get<float?>(extra, AirgapChatProperties.MinP) ?? defaults.MinP, 0, 1, "min_p"),
            RepeatPenalty = Get<float?>(extra, AirgapChatProperties.RepeatPenalty) ?? defaults.RepeatPenalty,
            RepeatLastN = Get<int?>(extra, AirgapChatProperties.RepeatLastN) ?? defaults.RepeatLastN,
            PresencePenalty = Range(options.PresencePenalty ?? 0, -2, 2, "presence_penalty"),
            FrequencyPenalty = Range(options.FrequencyPenalty ?? 0, -2, 2, "frequency_penalty"),
            Seed = options.Seed is { } seed ? unchecked((uint)seed) : null,
            MaxTokens = options.MaxOutputTokens is { } max ? (max < 0 ? -1 : max) : -1,
            IgnoreEos = Get<bool?>(extra, AirgapChatProperties.IgnoreEos) ?? false,
            Stop = options.StopSequences?.Where(s => s.Length > 0).ToList() ?? [],
            Grammar = grammar,
            GrammarField = grammarField,
        };
    }

    public static int Priority(ChatOptions? options) => Priority(options?.AdditionalProperties);

    /// <summary>The request priority (0–9) carried in additional properties, 0 when absent.</summary>
    public static int Priority(AdditionalPropertiesDictionary? extra) => Get<int?>(extra, AirgapChatProperties.Priority) ?? 0;

    public static TimeSpan? KeepAlive(ChatOptions? options) => KeepAlive(options?.AdditionalProperties);

    /// <summary>The keep_alive carried in additional properties, null when absent.</summary>
    public static TimeSpan? KeepAlive(AdditionalPropertiesDictionary? extra) => Get<TimeSpan?>(extra, AirgapChatProperties.KeepAlive);

    public static bool IsRaw(ChatOptions? options) => Get<bool?>(options?.AdditionalProperties, AirgapChatProperties.Raw) ?? false;

    /// <summary>True for an asynchronous job's request: no caller waits on its connection.</summary>
    public static bool IsAsynchronous(ChatOptions? options) => Get<bool?>(options?.AdditionalProperties, AirgapChatProperties.Asynchronous) ?? false;

    private static string? ResponseGrammar(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } => JsonGrammar.FromSchema(schema, "response_format"),
        ChatResponseFormatJson => JsonGrammar.AnyObject(),
        _ => null,
    };

    private static float Range(float value, float min, float max, string field) =>
        value >= min && value <= max ? value : throw new InvalidRequestException(field, $"must be between {min} and {max}, got {value}");

    private static T? Get<T>(AdditionalPropertiesDictionary? extra, string key)
    {
        if (extra is null || !extra.TryGetValue(key, out var value) || value is null) return default;
        if (value is T typed) return typed;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            return value is JsonElement json
                ? (T?)json.Deserialize(target)
                : (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or JsonException or OverflowException)
        {
            throw new InvalidRequestException(key, $"cannot be read as {target.Name}: {value}");
        }
    }
}
