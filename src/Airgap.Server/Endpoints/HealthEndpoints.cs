using Airgap.Models.Catalog;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Endpoints;

/// <summary>GET /health: 200 when serving, 503 while starting.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth);
        app.MapGet("/health/ready", GetReady);
        return app;
    }

    private static IResult GetReady(ServerState state, ModelRegistry registry, Inference.Scheduling.ModelHost host)
    {
        var loaded = host.Loaded.Select(m => m.Version.Reference).ToHashSet();
        var models = registry.List().Where(v => v.IsActive).Select(v => new ReadyModel(v.Name, v.Version, loaded.Contains(v.Reference))).ToList();
        var body = new ReadyResponse(state.IsReady ? "ready" : "starting", models);
        return Results.Json(body, ServerJsonContext.Plain.ReadyResponse, statusCode: state.IsReady ? 200 : 503);
    }

    private static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> GetHealth(ServerState state, ModelRegistry registry)
    {
        if (!state.IsReady) return TypedResults.Json(new HealthResponse("starting", 0, ServerVersion.Current), statusCode: StatusCodes.Status503ServiceUnavailable);
        return TypedResults.Ok(new HealthResponse("ok", registry.List().Count(v => v.IsActive), ServerVersion.Current));
    }
}
