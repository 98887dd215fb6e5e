using System.Diagnostics;
using System.Runtime.CompilerServices;
using Airgap.Grpc.V1;
using Airgap.Inference.Errors;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Server.Endpoints;
using Airgap.Server.Ollama;
using Airgap.Server.Wire;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using ChatResponse = Airgap.Grpc.V1.ChatResponse;

namespace Airgap.Server.Grpc;

/// <summary>
/// The gRPC service of airgap.proto: each call translated onto Ollama's fields and through the same helpers, chat
/// pipeline, embedding generator and registry as /api/generate, /api/chat, /api/embed and /api/tags. Thin: parse,
/// call, shape; errors are <see cref="GrpcErrorInterceptor"/>'s.
/// </summary>
public sealed class AirgapGrpcService(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embedder, InferenceScheduler scheduler,
    InferenceOptions served, ModelRegistry registry) : global::Airgap.Grpc.V1.Airgap.AirgapBase
{
    public override async Task Generate(GenerateRequest request, IServerStreamWriter<GenerateResponse> responses, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var cancellationToken = context.CancellationToken;
        var options = OllamaChatEndpoints.Options(http, served, request.Model, GrpcTranslation.Options(request.Options),
            GrpcTranslation.Format(request.Format), GrpcTranslation.KeepAlive(request.HasKeepAlive, request.KeepAlive), request.HasPriority ? request.Priority : null);
        if (request.Prompt.Length == 0)
        {
            var reason = await OllamaChatEndpoints.LoadOrUnloadAsync(scheduler, request.Model, options, cancellationToken);
            await responses.WriteAsync(GrpcTranslation.ToGenerate(Line(request.Model, response: "") with { Done = true, DoneReason = reason }), cancellationToken);
            return;
        }
        var messages = OllamaChatEndpoints.PromptMessages(options, request.System, request.Prompt, request.Raw, []);
        await foreach (var line in StreamAsync(http, messages, options, (model, text) => Line(model, response: text), cancellationToken))
            await responses.WriteAsync(GrpcTranslation.ToGenerate(line), cancellationToken);
    }

    public override async Task Chat(ChatRequest request, IServerStreamWriter<ChatResponse> responses, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var cancellationToken = context.CancellationToken;
        var options = OllamaChatEndpoints.Options(http, served, request.Model, GrpcTranslation.Options(request.Options),
            GrpcTranslation.Format(request.Format), GrpcTranslation.KeepAlive(request.HasKeepAlive, request.KeepAlive), request.HasPriority ? request.Priority : null);
        var messages = OllamaTranslation.ToMessages(GrpcTranslation.Messages(request.Messages));
        if (messages.Count == 0)
        {
            var reason = await OllamaChatEndpoints.LoadOrUnloadAsync(scheduler, request.Model, options, cancellationToken);
            await responses.WriteAsync(GrpcTranslation.ToChat(Line(request.Model, message: "") with { Done = true, DoneReason = reason }), cancellationToken);
            return;
        }
        await foreach (var line in StreamAsync(http, messages, options, (model, text) => Line(model, message: text), cancellationToken))
            await responses.WriteAsync(GrpcTranslation.ToChat(line), cancellationToken);
    }

    public override async Task<EmbedResponse> Embed(EmbedRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var model = OllamaEndpoints.RequireModel(request.Model);
        if (request.Input.Count == 0) throw new InvalidRequestException("input", "must not be empty");
        var started = Stopwatch.StartNew();
        var options = OllamaEmbedEndpoints.Options(http, model, GrpcTranslation.KeepAlive(request.HasKeepAlive, request.KeepAlive),
            request.HasPriority ? request.Priority : null);
        var result = await embedder.GenerateAsync(request.Input, options, context.CancellationToken);
        var response = new EmbedResponse
        {
            Model = model,
            TotalDuration = OllamaTranslation.Nanos(started.Elapsed),
            PromptEvalCount = (int)(result.Usage?.InputTokenCount ?? 0),
        };
        foreach (var embedding in result)
        {
            var vector = new global::Airgap.Grpc.V1.Embedding();
            vector.Values.AddRange(embedding.Vector.ToArray());
            response.Embeddings.Add(vector);
        }
        return response;
    }

    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context) =>
        Task.FromResult(GrpcTranslation.ToModels(OllamaEndpoints.Tags(context.GetHttpContext(), registry)));

    // As the REST endpoints answer: the first update fetched before anything is sent (so a refusal is a status, and the
    // cache header is known), then Ollama's lines.
    private async IAsyncEnumerable<OllamaResponse> StreamAsync(HttpContext http, List<ChatMessage> messages, ChatOptions options,
        Func<string, string, OllamaResponse> line, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var (first, updates) = await Prefetch.FirstAsync(chat.GetStreamingResponseAsync(messages, options, cancellationToken), cancellationToken);
        CacheHeader.Mark(http, first);
        await foreach (var response in OllamaChatEndpoints.Lines(updates, options.ModelId!, line, started, cancellationToken))
            yield return response;
    }

    private static OllamaResponse Line(string model, string? response = null, string? message = null) => new()
    {
        Model = model,
        CreatedAt = DateTimeOffset.UtcNow,
        Response = response,
        Message = message is null ? null : new OllamaMessage("assistant", message),
    };
}
