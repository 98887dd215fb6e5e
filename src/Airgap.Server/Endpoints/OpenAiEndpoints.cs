using Airgap.Models.Packs;
using Airgap.Inference.Embeddings;
using Airgap.Models.Catalog;
using Airgap.Server.OpenAi;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Endpoints;

/// <summary>The OpenAI-compatible API under /v1.</summary>
public static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithOpenAiErrors();
        v1.MapGet("/models", GetModels);
        v1.MapGet("/models/{*id}", GetModel);
        v1.MapOpenAiChat();
        v1.MapOpenAiEmbeddings();
        v1.MapOpenAiResponses();
        return app;
    }

    /// <summary>Answers every exception of the group's endpoints with OpenAI's error body, as the rest of /v1 does.</summary>
    public static RouteGroupBuilder WithOpenAiErrors(this RouteGroupBuilder group)
    {
        group.AddEndpointFilterFactory((context, next) => ApiErrors.Filter(context, next,
            e => Results.Json(new OpenAiError(new OpenAiErrorBody(e.Message, e.Type, e.Param, e.Code)), OpenAiJsonContext.Plain.OpenAiError, statusCode: e.Status)));
        return group;
    }

    private static Ok<OpenAiModelList> GetModels(HttpContext http, ModelRegistry registry)
    {
        var local = OllamaEndpoints.Listed(registry).Select(ToOpenAi).ToList();
        var remote = OllamaEndpoints.WorkerModels(http).Where(m => local.All(l => l.Id != m.Name))
            .Select(m => new OpenAiModel(m.Name, "model", m.ImportedAt.ToUnixTimeSeconds(), "airgap"));
        return TypedResults.Ok(new OpenAiModelList("list", [.. local, .. remote]));
    }

    private static Ok<OpenAiModel> GetModel(string id, ModelRegistry registry) => TypedResults.Ok(ToOpenAi(BuiltInEmbeddingModel.Resolve(registry, id)));

    private static OpenAiModel ToOpenAi(ModelVersion v) => new(v.Name, "model", v.ImportedAt.ToUnixTimeSeconds(), "airgap");
}
