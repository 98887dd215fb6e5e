using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Ollama;

/// <summary>Ollama's <c>options</c> object onto M.E.AI chat options: each value checked, unknown keys reported back.</summary>
public static class OllamaOptions
{
    /// <summary>The keys this server acts on; every other key is ignored and reported in a warning header.</summary>
    public static readonly IReadOnlySet<string> Recognised = new HashSet<string>(StringComparer.Ordinal)
    {
        "temperature", "top_p", "top_k", "seed", "num_predict", "presence_penalty", "frequency_penalty", "min_p",
        "repeat_penalty", "repeat_last_n", "ignore_eos", "stop", "num_ctx",
    };

    /// <summary>Applies the options to <paramref name="chat"/>; returns the keys it ignored, in request order.</summary>
    public static List<string> Apply(ChatOptions chat, Dictionary<string, JsonElement>? options, int servedContext)
    {
        var ignored = new List<string>();
        var extra = chat.AdditionalProperties ??= [];
        foreach (var (key, value) in options ?? [])
        {
            switch (key)
            {
                case "temperature": chat.Temperature = Number(value, key); break;
                case "top_p": chat.TopP = Number(value, key); break;
                case "top_k": chat.TopK = Integer(value, key); break;
                // Ollama's seed -1 (any negative) asks for a random seed: no seed, so nothing is cached either.
                case "seed": chat.Seed = Integer(value, key) is var seed and >= 0 ? seed : null; break;
                case "num_predict": chat.MaxOutputTokens = Integer(value, key); break;
                case "presence_penalty": chat.PresencePenalty = Number(value, key); break;
                case "frequency_penalty": chat.FrequencyPenalty = Number(value, key); break;
                case "min_p": extra[AirgapChatProperties.MinP] = Number(value, key); break;
                case "repeat_penalty": extra[AirgapChatProperties.RepeatPenalty] = Number(value, key); break;
                case "repeat_last_n": extra[AirgapChatProperties.RepeatLastN] = Integer(value, key); break;
                case "ignore_eos": extra[AirgapChatProperties.IgnoreEos] = Boolean(value, key); break;
                case "stop": chat.StopSequences = Stop(value); break;
                case "num_ctx": CheckContext(Integer(value, key), servedContext); break;
                default: ignored.Add(key); break;
            }
        }
        return ignored;
    }

    // The context is fixed when the model loads; a smaller request fits in it, a larger one cannot be honoured.
    private static void CheckContext(int requested, int served)
    {
        if (requested < 1 || requested > served)
            throw new InvalidRequestException("options.num_ctx", $"{requested} is not served here: models run with a context of {served} tokens (serve --ctx); ask for at most that");
    }

    private static List<string> Stop(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray()
            .Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new InvalidRequestException("options.stop", "must be a list of strings")).ToList(),
        _ => throw new InvalidRequestException("options.stop", "must be a list of strings"),
    };

    private static float Number(JsonElement v, string key) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetSingle(out var f) && float.IsFinite(f) ? f
        : throw new InvalidRequestException($"options.{key}", "must be a number");

    private static int Integer(JsonElement v, string key) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw new InvalidRequestException($"options.{key}", "must be an integer");

    private static bool Boolean(JsonElement v, string key) =>
        v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw new InvalidRequestException($"options.{key}", "must be true or false");
}
