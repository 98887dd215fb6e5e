using Airgap.Models.Catalog;
using Airgap.Models.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Endpoints;

/// <summary>The Ollama-compatible API under /api (model listing and version so far; inference comes next).</summary>
public static class OllamaEndpoints
{
    public static IEndpointRouteBuilder MapOllamaApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", ["GET", "HEAD"], () => TypedResults.Text("Airgap is running"));
        var api = app.MapGroup("/api");
        api.MapGet("/version", GetVersion);
        api.MapGet("/tags", GetTags);
        return app;
    }

    private static Ok<OllamaVersionResponse> GetVersion() => TypedResults.Ok(new OllamaVersionResponse(ServerVersion.Current));

    // Ollama lists one entry per name:tag; here that is the active version of each.
    private static Ok<OllamaTagsResponse> GetTags(ModelRegistry registry) =>
        TypedResults.Ok(new OllamaTagsResponse(registry.List().Where(v => v.IsActive).Select(ToOllama).ToList()));

    private static OllamaModel ToOllama(ModelVersion v)
    {
        var family = ModelMetadataJson.ReadGguf(v.MetadataJson)?.Architecture ?? "";
        return new OllamaModel(v.Name, v.Name, v.ImportedAt, v.Size, v.Digest,
            new OllamaModelDetails("", v.Format, family, [family], ParameterSize.Format(v.ParameterCount), v.Quantization ?? ""));
    }
}
