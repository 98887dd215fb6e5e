using System.Diagnostics;
using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Inference.Scheduling;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Ollama;

/// <summary>POST /api/embed (input string or list) and the legacy POST /api/embeddings (prompt).</summary>
public static class OllamaEmbedEndpoints
{
    public static RouteGroupBuilder MapOllamaEmbed(this RouteGroupBuilder api)
    {
        api.MapPost("/embed", Embed);
        api.MapPost("/embeddings", LegacyEmbed);
        return api;
    }

    private static async Task<IResult> Embed(HttpContext http, InferenceScheduler scheduler, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Default.OllamaEmbedRequest, cancellationToken);
        var model = Endpoints.OllamaEndpoints.RequireModel(request.Model);
        var inputs = Inputs(request.Input, "input");
        var started = Stopwatch.StartNew();
        var (reference, vectors, tokens) = await scheduler.EmbedAsync(model, inputs, KeepAlive.Parse(request.KeepAlive), cancellationToken);
        return Results.Json(new OllamaEmbedResponse(model, vectors, OllamaTranslation.Nanos(started.Elapsed), 0, tokens),
            OllamaJsonContext.Default.OllamaEmbedResponse);
    }

    private static async Task<IResult> LegacyEmbed(HttpContext http, InferenceScheduler scheduler, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OllamaJsonContext.Default.OllamaEmbedRequest, cancellationToken);
        var model = Endpoints.OllamaEndpoints.RequireModel(request.Model);
        var (_, vectors, _) = await scheduler.EmbedAsync(model, [request.Prompt ?? ""], KeepAlive.Parse(request.KeepAlive), cancellationToken);
        return Results.Json(new OllamaLegacyEmbedResponse(vectors[0]), OllamaJsonContext.Default.OllamaLegacyEmbedResponse);
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
