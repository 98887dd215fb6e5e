using System.Runtime.CompilerServices;
using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Grammar;
using Airgap.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>
/// The engine as a Microsoft.Extensions.AI <see cref="IChatClient"/>: one inference path that the Ollama and
/// OpenAI endpoints and in-process applications all use. The model is <c>ChatOptions.ModelId</c> (NAME:TAG or
/// NAME:TAG@X.Y.Z) or the default given here.
/// </summary>
public sealed class AirgapChatClient(InferenceScheduler scheduler, string? defaultModel = null) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? defaultModel ?? throw new InvalidRequestException("model", "no model was named");
        var tools = ActiveTools(options);
        // With tools offered, special tokens are text: Llama 3's <|python_tag|> and Mistral's [TOOL_CALLS] mark calls.
        var generation = ChatOptionsMapping.ToGenerationOptions(options, RequiredToolGrammar(options, tools)) with { DecodeSpecialTokens = tools.Count > 0 };
        var list = messages.ToList();
        var request = Request(model, list, options, tools, generation) with { Images = ChatImages.Decode(list, scheduler.Host.Options) };
        var stream = await scheduler.GenerateAsync(request, cancellationToken);

        var responseId = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow;
        var gate = tools.Count > 0 ? new ToolCallStreamGate() : null;
        var yielded = false;
        await foreach (var e in stream.Events.WithCancellation(cancellationToken))
        {
            if (!e.IsFinal)
            {
                var text = gate?.Push(e.Text) ?? e.Text;
                if (text.Length == 0) continue;
                yielded = true;
                yield return Update(text, responseId, stream.ModelReference, created);
                continue;
            }
            switch (e.Done)
            {
                case DoneReason.Error: throw e.Failure ?? new InvalidOperationException(e.Error ?? "generation failed");
                case DoneReason.Cancelled: throw new OperationCanceledException(cancellationToken);
                case DoneReason.Timeout when !yielded: throw new RequestTimeoutException();
            }
            var final = Update(gate is null ? e.Text : "", responseId, stream.ModelReference, created);
            var finish = e.Done switch
            {
                DoneReason.Length => ChatFinishReason.Length,
                DoneReason.Timeout => TimeoutFinish,
                _ => ChatFinishReason.Stop,
            };
            if (gate is not null)
            {
                var (calls, text) = ToolCallParser.Parse(gate.Held + e.Text, tools.Select(t => t.Name).ToHashSet());
                // A call cut off (by the token limit) is no call, and its markup, whole or begun, is no answer either.
                if (calls.Count == 0) text = ToolCallStreamGate.WithoutMarkup(text);
                if (text.Length > 0) final.Contents.Add(new TextContent(text));
                foreach (var call in calls) final.Contents.Add(call);
                if (calls.Count > 0) finish = ChatFinishReason.ToolCalls;
            }
            var stats = e.Stats ?? new GenerationStats(stream.PromptTokens, 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
            final.FinishReason = finish;
            final.Contents.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = stats.PromptTokens,
                OutputTokenCount = stats.GeneratedTokens,
                TotalTokenCount = stats.PromptTokens + stats.GeneratedTokens,
            }));
            final.AdditionalProperties = new() { [AirgapChatProperties.Stats] = stats, [AirgapChatProperties.DoneReason] = e.Done };
            yield return final;
        }
    }

    /// <summary>The finish reason of a generation cut off by the request timeout after it had produced text.</summary>
    public static readonly ChatFinishReason TimeoutFinish = new("timeout");

    // Raw prompts go as they are; a conversation is templated by the scheduler under the generation's own model lease.
    private static GenerationRequest Request(string model, List<ChatMessage> messages, ChatOptions? options,
        IReadOnlyList<AIFunctionDeclaration> tools, GenerationOptions generation)
    {
        if (messages.Count == 0) throw new InvalidRequestException("messages", "at least one message is required");
        var (priority, keepAlive) = (ChatOptionsMapping.Priority(options), ChatOptionsMapping.KeepAlive(options));
        if (ChatOptionsMapping.IsRaw(options))
            return new GenerationRequest(model, string.Concat(messages.Select(ChatImages.TextWithMarkers)), generation, priority, keepAlive);
        return new GenerationRequest(model, "", generation, priority, keepAlive) { Messages = ChatPromptBuilder.Build(messages, tools) };
    }

    private static IReadOnlyList<AIFunctionDeclaration> ActiveTools(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools || options.ToolMode is NoneChatToolMode) return [];
        var declarations = tools.OfType<AIFunctionDeclaration>().ToList();
        if (options.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } name })
        {
            declarations = declarations.Where(d => d.Name == name).ToList();
            if (declarations.Count == 0) throw new InvalidRequestException("tool_choice", $"names '{name}', which is not among the tools");
        }
        return declarations;
    }

    private static string? RequiredToolGrammar(ChatOptions? options, IReadOnlyList<AIFunctionDeclaration> tools) =>
        options?.ToolMode is RequiredChatToolMode && tools.Count > 0
            ? JsonGrammar.ToolCall(tools.Select(t => (t.Name, t.JsonSchema)).ToList())
            : null;

    private static ChatResponseUpdate Update(string text, string responseId, string model, DateTimeOffset created) =>
        new(ChatRole.Assistant, text) { ResponseId = responseId, MessageId = responseId, ModelId = model, CreatedAt = created };

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("airgap", null, defaultModel)
        : null;

    public void Dispose() { }
}
