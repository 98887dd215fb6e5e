using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Airgap.Models.Catalog;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>
/// Answers repeated deterministic requests (temperature 0 or a fixed seed) from the same caller for the same model
/// version, messages and options from a bounded LRU cache; replayed updates carry <see cref="HitProperty"/>. Only
/// answers that ended normally (stop, length, tool calls) are kept.
/// </summary>
public sealed class ResponseCacheChatClient(IChatClient inner, ModelRegistry registry, int capacity = 256) : DelegatingChatClient(inner)
{
    /// <summary>Set to true in the AdditionalProperties of every update served from the cache.</summary>
    public const string HitProperty = "airgap.cache_hit";

    private readonly LinkedList<(string Key, List<ChatResponseUpdate> Updates)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, List<ChatResponseUpdate> Updates)>> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var key = Key(list, options);
        if (key is not null && TryGet(key) is { } cached)
        {
            foreach (var update in cached) yield return Replay(update);
            yield break;
        }
        var recorded = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
        {
            recorded.Add(update);
            yield return update;
        }
        if (key is not null && EndedNormally(recorded.LastOrDefault())) Add(key, recorded);
    }

    // A cancelled, failed or timed-out run is not the answer to the request: it must not be replayed as one.
    private static bool EndedNormally(ChatResponseUpdate? last)
    {
        if (last?.FinishReason is null) return false;
        if (last.AdditionalProperties?.TryGetValue(AirgapChatProperties.DoneReason, out var done) == true)
            return done is Generation.DoneReason.Stop or Generation.DoneReason.Length;
        return last.FinishReason == ChatFinishReason.Stop || last.FinishReason == ChatFinishReason.Length || last.FinishReason == ChatFinishReason.ToolCalls;
    }

    private static ChatResponseUpdate Replay(ChatResponseUpdate update)
    {
        var copy = update.Clone();
        copy.AdditionalProperties = new(update.AdditionalProperties ?? []) { [HitProperty] = true };
        return copy;
    }

    private List<ChatResponseUpdate>? TryGet(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node)) return null;
            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Updates;
        }
    }

    private void Add(string key, List<ChatResponseUpdate> updates)
    {
        lock (_gate)
        {
            if (_entries.ContainsKey(key)) return;
            _entries[key] = _order.AddFirst((key, updates));
            while (_entries.Count > capacity)
            {
                _entries.Remove(_order.Last!.Value.Key);
                _order.RemoveLast();
            }
        }
    }

    // Null when the request may not be cached: sampling that is not reproducible, or a model that does not resolve.
    private string? Key(List<ChatMessage> messages, ChatOptions? options)
    {
        if (options is null || !(options.Temperature is <= 0 || options.Seed is >= 0)) return null;
        // The pipeline's default model is the model of a request that names none.
        var model = options.ModelId ?? InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
        if (model is null) return null;
        ModelVersion version;
        try
        {
            version = registry.Resolve(model);
        }
        catch (RegistryException)
        {
            return null;
        }
        var identity = options.AdditionalProperties?.TryGetValue(AirgapChatProperties.Identity, out var who) == true ? who?.ToString() : null;
        var text = new StringBuilder().Append(identity ?? "anonymous").Append('|').Append(version.Reference).Append('|').Append(version.LoadKey).Append('|');
        foreach (var m in messages)
        {
            text.Append(m.Role.Value).Append(':').Append(m.Text.Length).Append(':').Append(m.Text);
            foreach (var c in m.Contents)
            {
                if (c is FunctionCallContent call) text.Append("|call:").Append(call.Name).Append(JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions));
                if (c is FunctionResultContent result) text.Append("|result:").Append(JsonSerializer.Serialize(result.Result, AIJsonUtilities.DefaultOptions));
                // An image is part of the question: the same words about another picture are another request.
                if (c is DataContent data) text.Append("|data:").Append(data.MediaType).Append(':').Append(Convert.ToHexStringLower(SHA256.HashData(data.Data.Span)));
            }
            text.Append('\n');
        }
        text.Append($"t={options.Temperature}|p={options.TopP}|k={options.TopK}|n={options.MaxOutputTokens}|s={options.Seed}")
            .Append($"|f={options.FrequencyPenalty}|pr={options.PresencePenalty}|stop={string.Join('\u0001', options.StopSequences ?? [])}");
        if (options.ResponseFormat is ChatResponseFormatJson json) text.Append("|json:").Append(json.Schema?.GetRawText());
        foreach (var tool in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
            text.Append("|tool:").Append(tool.Name).Append(tool.JsonSchema.GetRawText());
        text.Append("|mode:").Append(options.ToolMode switch
        {
            RequiredChatToolMode r => "required:" + r.RequiredFunctionName,
            NoneChatToolMode => "none",
            null => "",
            _ => "auto",
        });
        // The caller is in the key already (above); how the request travels is not.
        foreach (var (k, v) in (options.AdditionalProperties ?? []).Where(p => !AirgapChatProperties.IsCarriage(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append('|').Append(k).Append('=').Append(v);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>Adds the response cache to a chat pipeline.</summary>
public static class ResponseCacheChatClientBuilderExtensions
{
    public static ChatClientBuilder UseResponseCache(this ChatClientBuilder builder, ModelRegistry? registry = null, int capacity = 256) =>
        builder.Use((inner, services) => new ResponseCacheChatClient(inner,
            registry ?? (ModelRegistry)(services.GetService(typeof(ModelRegistry)) ?? throw new InvalidOperationException("no ModelRegistry is registered")),
            capacity));
}
