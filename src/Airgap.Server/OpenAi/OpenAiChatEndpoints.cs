using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Server.Hosting;
using Airgap.Server.Jobs;
using Airgap.Server.Ollama;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;

namespace Airgap.Server.OpenAi;

/// <summary>POST /v1/chat/completions and /v1/completions, streaming as server-sent events ending in [DONE].</summary>
public static class OpenAiChatEndpoints
{
    public static RouteGroupBuilder MapOpenAiChat(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", ChatCompletions).AllowRespondAsync(modelRequired: true, streams: true);
        v1.MapPost("/completions", Completions).AllowRespondAsync(modelRequired: true, streams: true);
        return v1;
    }

    private static async Task<IResult> ChatCompletions(HttpContext http, IChatClient chat, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OpenAiJsonContext.Plain.OpenAiChatRequest, cancellationToken);
        var options = OpenAiTranslation.ToChatOptions(request, OllamaChatEndpoints.HeaderPriority(http));
        options.Stamp(http);
        var messages = OpenAiTranslation.ToMessages(request.Messages);
        return await RespondAsync(http, chat, messages, options, request.Stream ?? false, request.StreamOptions?.IncludeUsage ?? false, chatShape: true, cancellationToken);
    }

    private static async Task<IResult> Completions(HttpContext http, IChatClient chat, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OpenAiJsonContext.Plain.OpenAiCompletionRequest, cancellationToken);
        var options = OpenAiTranslation.ToCompletionOptions(request, OllamaChatEndpoints.HeaderPriority(http));
        options.Stamp(http);
        var prompt = request.Prompt switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString()!,
            { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() == 1 && a[0].ValueKind == JsonValueKind.String => a[0].GetString()!,
            _ => throw new Inference.Errors.InvalidRequestException("prompt", "must be a string (or a list of one string)"),
        };
        return await RespondAsync(http, chat, [new ChatMessage(ChatRole.User, prompt)], options, request.Stream ?? false,
            request.StreamOptions?.IncludeUsage ?? false, chatShape: false, cancellationToken);
    }

    private static async Task<IResult> RespondAsync(HttpContext http, IChatClient chat, List<ChatMessage> messages, ChatOptions options, bool stream,
        bool includeUsage, bool chatShape, CancellationToken cancellationToken)
    {
        var (first, updates) = await Prefetch.FirstAsync(chat.GetStreamingResponseAsync(messages, options, cancellationToken), cancellationToken);
        CacheHeader.Mark(http, first);
        var id = (chatShape ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N")[..24];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var objectName = chatShape ? (stream ? "chat.completion.chunk" : "chat.completion") : "text_completion";
        if (stream) return TypedResults.ServerSentEvents(Events(updates, id, objectName, created, options.ModelId!, includeUsage, chatShape, Observability.RequestRecord.Of(http), cancellationToken));

        var text = new StringBuilder();
        var contents = new List<AIContent>();
        ChatResponseUpdate? last = null;
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            text.Append(update.Text);
            contents.AddRange(update.Contents);
            last = update;
        }
        // OpenAI has no finish reason for a timeout: the whole answer was not sent yet, so it is a 504.
        if (last?.FinishReason == AirgapChatClient.TimeoutFinish) throw new RequestTimeoutException();
        var usage = Usage(contents);
        var reason = OpenAiTranslation.FinishReason(last?.FinishReason);
        var choice = chatShape
            ? new OpenAiChoice(0, new OpenAiResponseMessage("assistant", reason == "tool_calls" && text.Length == 0 ? null : text.ToString(),
                OpenAiTranslation.ToolCalls(contents, indexed: false)), null, null, reason)
            : new OpenAiChoice(0, null, null, text.ToString(), reason);
        return Results.Json(new OpenAiChatResponse(id, objectName, created, options.ModelId!, [choice], usage),
            OpenAiJsonContext.Plain.OpenAiChatResponse);
    }

    private static async IAsyncEnumerable<string> Events(IAsyncEnumerable<ChatResponseUpdate> updates, string id, string objectName, long created,
        string model, bool includeUsage, bool chatShape, Observability.RequestRecord? record, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        OpenAiUsage? usage = null;
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ApiErrors.Classified? error = null;
            ChatResponseUpdate? update = null;
            try
            {
                if (!await enumerator.MoveNextAsync()) break;
                update = enumerator.Current;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = ApiErrors.Classify(e);
            }
            if (error is not null)
            {
                // After the first byte the status is sent: one in-band error frame, then the stream ends.
                record?.Refused(error.Code ?? error.Type, error.Message);
                yield return JsonSerializer.Serialize(new OpenAiError(new OpenAiErrorBody(error.Message, error.Type, error.Param, error.Code)), OpenAiJsonContext.Plain.OpenAiError);
                break;
            }
            var u = update!;
            if (u.FinishReason == AirgapChatClient.TimeoutFinish)
            {
                record?.Refused("timeout", new RequestTimeoutException().Message);
                yield return JsonSerializer.Serialize(new OpenAiError(new OpenAiErrorBody(new RequestTimeoutException().Message, "server_error", null, "timeout")),
                    OpenAiJsonContext.Plain.OpenAiError);
                break;
            }
            var reason = u.FinishReason is null ? null : OpenAiTranslation.FinishReason(u.FinishReason);
            if (u.FinishReason is not null) usage = Usage(u.Contents);
            if (u.Text.Length == 0 && reason is null && !first) continue;
            var choice = chatShape
                ? new OpenAiChoice(0, null, new OpenAiDelta(first ? "assistant" : null, u.Text.Length > 0 || first ? u.Text : null,
                    OpenAiTranslation.ToolCalls(u.Contents, indexed: true)), null, reason)
                : new OpenAiChoice(0, null, null, u.Text, reason);
            first = false;
            yield return Chunk(new OpenAiChatResponse(id, objectName, created, model, [choice], null));
        }
        if (includeUsage && usage is not null) yield return Chunk(new OpenAiChatResponse(id, objectName, created, model, [], usage));
        yield return "[DONE]";
    }

    private static string Chunk(OpenAiChatResponse response) => JsonSerializer.Serialize(response, OpenAiJsonContext.Plain.OpenAiChatResponse);

    private static OpenAiUsage? Usage(IEnumerable<AIContent> contents) =>
        contents.OfType<UsageContent>().LastOrDefault()?.Details is { } d
            ? new OpenAiUsage((int)(d.InputTokenCount ?? 0), (int)(d.OutputTokenCount ?? 0), (int)(d.TotalTokenCount ?? 0))
            : null;
}
