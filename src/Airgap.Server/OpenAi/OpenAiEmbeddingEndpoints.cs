using System.Runtime.InteropServices;
using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Server.Jobs;
using Airgap.Server.Ollama;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;

namespace Airgap.Server.OpenAi;

/// <summary>POST /v1/embeddings: a string or list in, floats or base64 out.</summary>
public static class OpenAiEmbeddingEndpoints
{
    public static RouteGroupBuilder MapOpenAiEmbeddings(this RouteGroupBuilder v1)
    {
        v1.MapPost("/embeddings", Embeddings).AllowRespondAsync(modelRequired: true);
        return v1;
    }

    private static async Task<IResult> Embeddings(HttpContext http, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, OpenAiJsonContext.Plain.OpenAiEmbeddingRequest, cancellationToken);
        var model = string.IsNullOrWhiteSpace(request.Model) ? throw new InvalidRequestException("model", "is required") : request.Model;
        var base64 = request.EncodingFormat switch
        {
            null or "float" => false,
            "base64" => true,
            var other => throw new InvalidRequestException("encoding_format", $"'{other}' is not float or base64"),
        };
        if (request.Dimensions is < 1) throw new InvalidRequestException("dimensions", "must be at least 1");
        var inputs = OllamaEmbedEndpoints.Inputs(request.Input, "input");
        var result = await embedder.GenerateAsync(inputs, OllamaEmbedEndpoints.Options(http, model), cancellationToken);
        var vectors = result.Select(e => e.Vector.ToArray()).ToList();
        var tokens = (int)(result.Usage?.InputTokenCount ?? 0);
        // Open models have one embedding size; shortening them as OpenAI's text-embedding-3 models do would change their meaning.
        if (request.Dimensions is { } dimensions && vectors.Count > 0 && vectors[0].Length != dimensions)
            throw new InvalidRequestException("dimensions", $"this model's embeddings have {vectors[0].Length} dimensions; omit dimensions or ask for exactly that");
        var data = vectors.Select((v, i) => new OpenAiEmbedding("embedding", i, base64
            ? JsonSerializer.SerializeToElement(Convert.ToBase64String(MemoryMarshal.AsBytes(v.AsSpan())), Endpoints.ServerJsonContext.Plain.String)
            : JsonSerializer.SerializeToElement(v, OpenAiJsonContext.Plain.SingleArray))).ToList();
        return Results.Json(new OpenAiEmbeddingResponse("list", data, model, new OpenAiEmbeddingUsage(tokens, tokens)),
            OpenAiJsonContext.Plain.OpenAiEmbeddingResponse);
    }
}
