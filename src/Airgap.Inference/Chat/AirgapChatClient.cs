using System.Runtime.CompilerServices;
using System.Text;
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
        var prompt = await PromptAsync(model, messages.ToList(), options, tools, cancellationToken);
        var generation = ChatOptionsMapping.ToGenerationOptions(options, RequiredToolGrammar(options, tools));
        var stream = await scheduler.GenerateAsync(
            new GenerationRequest(model, prompt, generation, ChatOptionsMapping.Priority(options), ChatOptionsMapping.KeepAlive(options)),
            cancellationToken);

        var responseId = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow;
        var held = tools.Count > 0 ? new StringBuilder() : null; // tool calls are recognised on the whole answer
        await foreach (var e in stream.Events.WithCancellation(cancellationToken))
        {
            if (!e.IsFinal)
            {
                if (held is not null) held.Append(e.Text);
                else yield return Update(e.Text, responseId, stream.ModelReference, created);
                continue;
            }
            if (e.Done == DoneReason.Error) throw new InvalidOperationException(e.Error ?? "generation failed");
            held?.Append(e.Text);
            var final = Update(held is null ? e.Text : "", responseId, stream.ModelReference, created);
            var finish = e.Done == DoneReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop;
            if (held is not null)
            {
                var (calls, text) = ToolCallParser.Parse(held.ToString(), tools.Select(t => t.Name).ToHashSet());
                if (text.Length > 0) final.Contents.Add(new TextContent(text));
                foreach (var call in calls) final.Contents.Add(call);
                if (calls.Count > 0) finish = ChatFinishReason.ToolCalls;
            }
            var stats = e.Stats!;
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

    private async Task<string> PromptAsync(string model, List<ChatMessage> messages, ChatOptions? options,
        IReadOnlyList<AIFunctionDeclaration> tools, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) throw new InvalidRequestException("messages", "at least one message is required");
        if (ChatOptionsMapping.IsRaw(options)) return string.Concat(messages.Select(m => m.Text));
        return await scheduler.ApplyTemplateAsync(model, ChatPromptBuilder.Build(messages, tools), cancellationToken);
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
