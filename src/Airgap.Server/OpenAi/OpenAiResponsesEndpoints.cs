using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
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

/// <summary>POST /v1/responses: OpenAI's Responses API, stateless, translated onto the same chat pipeline as chat completions.</summary>
public static class OpenAiResponsesEndpoints
{
    // Model output is full of quotes and apostrophes; OpenAI writes them plain, not as \u0022 and \u0027.
    private static readonly ResponsesJsonContext Json = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private static readonly JsonElement Auto = JsonDocument.Parse("\"auto\"").RootElement;
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
    private static readonly JsonElement PlainText = JsonDocument.Parse("{\"type\":\"text\"}").RootElement;

    /// <summary>Maps POST /responses on the /v1 group.</summary>
    public static RouteGroupBuilder MapOpenAiResponses(this RouteGroupBuilder v1)
    {
        v1.MapPost("/responses", Responses).AllowRespondAsync(modelRequired: true, streams: true);
        return v1;
    }

    private static async Task<IResult> Responses(HttpContext http, IChatClient chat, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, ResponsesJsonContext.Default.ResponsesRequest, cancellationToken);
        var options = ResponsesTranslation.ToChatOptions(request, OllamaChatEndpoints.HeaderPriority(http));
        options.Stamp(http);
        var messages = ResponsesTranslation.ToMessages(request);
        var (first, updates) = await Prefetch.FirstAsync(chat.GetStreamingResponseAsync(messages, options, cancellationToken), cancellationToken);
        CacheHeader.Mark(http, first);
        var assembler = new ResponseAssembler(Template(request));
        if (request.Stream == true) return TypedResults.ServerSentEvents(Events(assembler, updates, Observability.RequestRecord.Of(http), cancellationToken));

        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            // No response status says "timed out": the answer is not sent yet, so it is a 504 like chat completions.
            if (update.FinishReason == AirgapChatClient.TimeoutFinish) throw new RequestTimeoutException();
            assembler.Add(update);
        }
        assembler.Finish();
        return Results.Json(assembler.Current, Json.ResponsesResponse);
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(ResponseAssembler assembler, IAsyncEnumerable<ChatResponseUpdate> updates,
        Observability.RequestRecord? record, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The enumerator first: a client gone during the opening frames still disposes it, releasing the model lease.
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        foreach (var e in assembler.Start()) yield return Frame(e);
        while (true)
        {
            Exception? error = null;
            try
            {
                if (!await enumerator.MoveNextAsync()) break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e;
            }
            if (error is not null)
            {
                // After the first byte the status is sent: the failure goes in band, then the stream ends.
                var classified = ApiErrors.Classify(error);
                record?.Refused(classified?.Code ?? "server_error", classified?.Message ?? error.Message);
                foreach (var e in assembler.Fail(error)) yield return Frame(e);
                yield break;
            }
            if (enumerator.Current.FinishReason == AirgapChatClient.TimeoutFinish)
            {
                record?.Refused("timeout", new RequestTimeoutException().Message);
                foreach (var e in assembler.Fail(new RequestTimeoutException())) yield return Frame(e);
                yield break;
            }
            foreach (var e in assembler.Add(enumerator.Current)) yield return Frame(e);
        }
        foreach (var e in assembler.Finish()) yield return Frame(e);
    }

    private static SseItem<string> Frame(ResponsesEvent e) => new(JsonSerializer.Serialize(e, Json.ResponsesEvent), e.Type);

    private static ResponsesResponse Template(ResponsesRequest r) => new()
    {
        Id = "resp_" + Guid.NewGuid().ToString("N"),
        CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Status = "in_progress",
        Model = r.Model!,
        Instructions = r.Instructions,
        MaxOutputTokens = r.MaxOutputTokens,
        ParallelToolCalls = r.ParallelToolCalls ?? true,
        Temperature = r.Temperature ?? 1,
        TopP = r.TopP ?? 1,
        Text = new ResponsesTextOptions(r.Text?.Format is { ValueKind: JsonValueKind.Object } format ? format : PlainText),
        ToolChoice = r.ToolChoice is { ValueKind: JsonValueKind.String or JsonValueKind.Object } choice ? choice : Auto,
        Tools = r.Tools ?? [],
        Truncation = r.Truncation ?? "disabled",
        User = r.User,
        Metadata = r.Metadata is { ValueKind: JsonValueKind.Object } metadata ? metadata : EmptyObject,
    };
}
