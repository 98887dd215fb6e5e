using Airgap.Models.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Endpoints;

/// <summary>The OpenAI-compatible API under /v1 (model listing so far; inference comes next).</summary>
public static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/models", GetModels);
        return app;
    }

    private static Ok<OpenAiModelList> GetModels(ModelRegistry registry) =>
        TypedResults.Ok(new OpenAiModelList("list", registry.List().Where(v => v.IsActive)
            .Select(v => new OpenAiModel(v.Name, "model", v.ImportedAt.ToUnixTimeSeconds(), "airgap")).ToList()));
}
