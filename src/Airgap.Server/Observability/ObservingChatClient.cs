using System.Diagnostics;
using System.Runtime.CompilerServices;
using Airgap.Inference.Chat;
using Airgap.Inference.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Observability;

/// <summary>
/// Watches each generation on the one chat path: feeds its model, priority, tokens, queue wait and time to first token
/// to the current request's record and to the metrics. It changes nothing that passes through.
/// </summary>
public sealed class ObservingChatClient(IChatClient inner, RequestRecords records, AirgapMetrics metrics) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var priority = Begin(options);
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Finish(response.ModelId ?? options?.ModelId, priority, response.AdditionalProperties, response.Usage, firstToken: null);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var priority = Begin(options);
        var started = Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).WithCancellation(cancellationToken))
        {
            if (firstToken is null && (update.Text.Length > 0 || update.FinishReason is not null)) firstToken = started.Elapsed;
            if (update.FinishReason is not null)
                Finish(update.ModelId ?? options?.ModelId, priority, update.AdditionalProperties,
                    update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details, firstToken);
            yield return update;
        }
    }

    private int Begin(ChatOptions? options)
    {
        var priority = ChatOptionsMapping.Priority(options);
        records.Current?.Asked(options?.ModelId, priority);
        return priority;
    }

    // Without the engine's statistics the usage and the measured wait still count. A cached answer carries the statistics
    // of the run that made it, long ago: they are not this request's queue or speed.
    private void Finish(string? model, int priority, AdditionalPropertiesDictionary? properties, UsageDetails? usage, TimeSpan? firstToken)
    {
        var cached = properties?.ContainsKey(ResponseCacheChatClient.HitProperty) == true;
        var stats = !cached && properties?.TryGetValue(AirgapChatProperties.Stats, out var value) == true ? value as GenerationStats : null;
        var queueWait = stats?.QueueTime;
        var timeToFirstToken = firstToken ?? (stats is null ? null : stats.LoadTime + stats.QueueTime + stats.PromptTime);
        var generated = stats?.GeneratedTokens ?? (int?)usage?.OutputTokenCount;
        records.Current?.Generated(model, stats?.PromptTokens ?? (int?)usage?.InputTokenCount, generated, queueWait, timeToFirstToken);
        if (model is not null) metrics.GenerationFinished(model, priority, queueWait, timeToFirstToken, generated, stats?.GenerateTime);
    }
}

/// <summary>Adds <see cref="ObservingChatClient"/> to a chat pipeline.</summary>
public static class ObservingChatClientBuilderExtensions
{
    public static ChatClientBuilder UseObservation(this ChatClientBuilder builder) =>
        builder.Use((inner, services) => new ObservingChatClient(inner, services.GetRequiredService<RequestRecords>(),
            services.GetRequiredService<AirgapMetrics>()));
}
