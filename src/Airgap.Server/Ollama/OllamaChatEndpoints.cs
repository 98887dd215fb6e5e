using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Scheduling;
using Airgap.Server.Hosting;
using Airgap.Server.Jobs;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Ollama;

/// <summary>POST /api/generate and /api/chat: Ollama's wire format translated onto the one IChatClient pipeline.</summary>
public static class OllamaChatEndpoints
{
    public static RouteGroupBuilder MapOllamaChat(this RouteGroupBuilder api)
    {
        api.MapPost("/generate", Generate).AllowRespondAsync(modelRequired: true, streams: true);
        api.MapPost("/chat", Chat).AllowRespondAsync(modelRequired: true, streams: true);
        return api;
    }

    private static async Task<IResult> Generate(HttpContext http, IChatClient chat, InferenceScheduler scheduler, InferenceOptions served, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaGenerateRequest, cancellationToken);
        var options = Options(http, served, request.Model, request.Options, request.Format, request.KeepAlive, request.Priority);
        var images = OllamaTranslation.Images(request.Images, "images");
        if (!string.IsNullOrEmpty(request.Suffix))
            throw new Inference.Errors.InvalidRequestException("suffix", "fill-in-the-middle is not supported by this server yet; send the text before the gap as the prompt");
        if (string.IsNullOrEmpty(request.Prompt))
            return await LoadOrUnloadAsync(scheduler, request.Model!, options, new OllamaResponse { Model = request.Model!, CreatedAt = DateTimeOffset.UtcNow, Response = "" }, cancellationToken);
        var messages = PromptMessages(options, request.System, request.Prompt, request.Raw == true, images);
        return await RespondAsync(http, chat, messages, options, request.Stream ?? true,
            (model, text) => new OllamaResponse { Model = model, CreatedAt = DateTimeOffset.UtcNow, Response = text },
            cancellationToken);
    }

    private static async Task<IResult> Chat(HttpContext http, IChatClient chat, InferenceScheduler scheduler, InferenceOptions served, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaChatRequest, cancellationToken);
        var options = Options(http, served, request.Model, request.Options, request.Format, request.KeepAlive, request.Priority);
        var messages = OllamaTranslation.ToMessages(request.Messages);
        if (request.Tools is { Count: > 0 })
        {
            options.Tools = OllamaTranslation.ToTools(request.Tools);
            options.ToolMode = ChatToolMode.Auto;
        }
        if (messages.Count == 0)
            return await LoadOrUnloadAsync(scheduler, request.Model!, options, new OllamaResponse { Model = request.Model!, CreatedAt = DateTimeOffset.UtcNow, Message = new("assistant", "") }, cancellationToken);
        return await RespondAsync(http, chat, messages, options, request.Stream ?? true,
            (model, text) => new OllamaResponse { Model = model, CreatedAt = DateTimeOffset.UtcNow, Message = new("assistant", text) },
            cancellationToken);
    }

    /// <summary>A generation's chat options, as every dialect that speaks Ollama's fields builds them: checked, reported, stamped with the caller.</summary>
    internal static ChatOptions Options(HttpContext http, InferenceOptions served, string? model, Dictionary<string, JsonElement>? requested,
        JsonElement? format, JsonElement? keepAlive, int? priority)
    {
        var options = OllamaTranslation.ToChatOptions(model, requested, format, keepAlive, priority, HeaderPriority(http), served.ContextLength, out var ignored);
        IgnoredFields.Report(http, "options", ignored);
        options.Stamp(http);
        return options;
    }

    /// <summary>The messages of a prompt: the system message (unless raw), then the images and the prompt as the user's.</summary>
    internal static List<ChatMessage> PromptMessages(ChatOptions options, string? system, string prompt, bool raw, List<AIContent> images)
    {
        var messages = new List<ChatMessage>();
        if (raw) options.AdditionalProperties![AirgapChatProperties.Raw] = true;
        else if (!string.IsNullOrEmpty(system)) messages.Add(new ChatMessage(ChatRole.System, system));
        messages.Add(new ChatMessage(ChatRole.User, [.. images, new TextContent(prompt)]));
        return messages;
    }

    private static async Task<IResult> LoadOrUnloadAsync(InferenceScheduler scheduler, string model, ChatOptions options, OllamaResponse line, CancellationToken cancellationToken) =>
        Results.Json(line with { Done = true, DoneReason = await LoadOrUnloadAsync(scheduler, model, options, cancellationToken) }, OllamaJsonContext.Plain.OllamaResponse);

    /// <summary>
    /// Ollama's idiom for a request with nothing to generate: load the model, or unload it when keep_alive is 0; returns
    /// the done_reason that says which ("load" or "unload").
    /// </summary>
    internal static async Task<string> LoadOrUnloadAsync(InferenceScheduler scheduler, string model, ChatOptions options, CancellationToken cancellationToken)
    {
        var keepAlive = ChatOptionsMapping.KeepAlive(options);
        if (keepAlive == TimeSpan.Zero)
        {
            scheduler.Host.Unload(model);
            return "unload";
        }
        await scheduler.LoadAsync(model, keepAlive, cancellationToken);
        return "load";
    }

    private static async Task<IResult> RespondAsync(HttpContext http, IChatClient chat, List<ChatMessage> messages, ChatOptions options,
        bool stream, Func<string, string, OllamaResponse> line, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var (first, updates) = await Prefetch.FirstAsync(chat.GetStreamingResponseAsync(messages, options, cancellationToken), cancellationToken);
        CacheHeader.Mark(http, first);
        var model = options.ModelId!;
        if (stream)
            return new NdjsonResult<OllamaResponse>(Lines(updates, model, line, started), OllamaJsonContext.Plain.OllamaResponse);

        var text = new StringBuilder();
        OllamaResponse? last = null;
        await foreach (var response in Lines(updates, model, line, started).WithCancellation(cancellationToken))
        {
            text.Append(response.Response ?? response.Message?.Content);
            last = response;
        }
        var whole = last!.Response is not null ? last with { Response = text.ToString() }
            : last with { Message = last.Message! with { Content = text.ToString() } };
        return Results.Json(whole, OllamaJsonContext.Plain.OllamaResponse);
    }

    /// <summary>A generation's updates as Ollama's lines: the text pieces, then one final line with the statistics.</summary>
    internal static async IAsyncEnumerable<OllamaResponse> Lines(IAsyncEnumerable<ChatResponseUpdate> updates, string model,
        Func<string, string, OllamaResponse> line, Stopwatch started, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            var text = update.Text;
            if (update.FinishReason is null)
            {
                if (text.Length > 0) yield return line(model, text);
                continue;
            }
            var final = line(model, text);
            var calls = update.Contents.OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0 && final.Message is not null)
                final = final with
                {
                    Message = final.Message with
                    {
                        ToolCalls = calls.Select(c => new OllamaToolCall(new OllamaToolFunction(c.Name, null, null,
                            JsonSerializer.SerializeToElement(c.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions)))).ToList(),
                    },
                };
            yield return OllamaTranslation.WithStats(final, update, started.Elapsed);
        }
    }

    internal static int? HeaderPriority(HttpContext http) =>
        http.Request.Headers.TryGetValue("X-Priority", out var value)
            ? int.TryParse(value, out var p) ? p : throw new Inference.Errors.InvalidRequestException("X-Priority", $"'{value}' is not an integer 0 to 9")
            : null;
}
