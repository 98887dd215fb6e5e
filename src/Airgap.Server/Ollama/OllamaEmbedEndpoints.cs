using System.Diagnostics;
using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Inference.Chat;
using Airgap.Server.Jobs;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;

namespace Airgap.Server.Ollama;

/// <summary>POST /api/embed (input string or list) and the legacy POST /api/embeddings (prompt).</summary>
public static class OllamaEmbedEndpoints
{
    public static RouteGroupBuilder MapOllamaEmbed(this RouteGroupBuilder api)
    {
        api.MapPost("/embed", Embed).AllowRespondAsync(modelRequired: true);
        api.MapPost("/embeddings", LegacyEmbed).AllowRespondAsync(modelRequired: true);
        return api;
    }

    private static async Task<IResult> Embed(HttpContext http, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaEmbedRequest, cancellationToken);
        var model = Endpoints.OllamaEndpoints.RequireModel(request.Model);
        IgnoredFields.Report(http, "options", request.Options?.Keys);
        // Inputs longer than the context are always cut to it; a request that forbids that is told so.
        if (request.Truncate == false) IgnoredFields.Report(http, "fields", ["truncate"]);
        var inputs = Inputs(request.Input, "input");
        var started = Stopwatch.StartNew();
        var result = await embedder.GenerateAsync(inputs, Options(http, model, request.KeepAlive), cancellationToken);
        return Results.Json(new OllamaEmbedResponse(model, result.Select(e => e.Vector.ToArray()).ToArray(), OllamaTranslation.Nanos(started.Elapsed), 0,
            (int)(result.Usage?.InputTokenCount ?? 0)), OllamaJsonContext.Plain.OllamaEmbedResponse);
    }

    private static async Task<IResult> LegacyEmbed(HttpContext http, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Plain.OllamaEmbedRequest, cancellationToken);
        var model = Endpoints.OllamaEndpoints.RequireModel(request.Model);
        var result = await embedder.GenerateAsync([request.Prompt ?? ""], Options(http, model, request.KeepAlive), cancellationToken);
        return Results.Json(new OllamaLegacyEmbedResponse(result[0].Vector.ToArray()), OllamaJsonContext.Plain.OllamaLegacyEmbedResponse);
    }

    /// <summary>The model, keep_alive and priority (else X-Priority) of an embedding request, as the generator takes them.</summary>
    internal static EmbeddingGenerationOptions Options(HttpContext http, string model, JsonElement? keepAlive = null, int? priority = null)
    {
        var options = new EmbeddingGenerationOptions { ModelId = model, AdditionalProperties = [] };
        if (KeepAlive.Parse(keepAlive) is { } alive) options.AdditionalProperties[AirgapChatProperties.KeepAlive] = alive;
        if ((priority ?? OllamaChatEndpoints.HeaderPriority(http)) is { } p) options.AdditionalProperties[AirgapChatProperties.Priority] = p;
        return options;
    }

    /// <summary>A string or a list of strings, as both Ollama's and OpenAI's embedding inputs are.</summary>
    public static List<string> Inputs(JsonElement? input, string field) => input switch
    {
        { ValueKind: JsonValueKind.String } s => [s.GetString()!],
        { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() > 0 => a.EnumerateArray()
            .Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InvalidRequestException($"{field}[{i}]", "must be a string"))
            .ToList(),
        { ValueKind: JsonValueKind.Array } => throw new InvalidRequestException(field, "must not be empty"),
        _ => throw new InvalidRequestException(field, "must be a string or a list of strings"),
    };
}
