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
        return app;
    }

    private static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> GetHealth(ServerState state, ModelRegistry registry)
    {
        if (!state.IsReady) return TypedResults.Json(new HealthResponse("starting", 0, ServerVersion.Current), statusCode: StatusCodes.Status503ServiceUnavailable);
        return TypedResults.Ok(new HealthResponse("ok", registry.List().Count(v => v.IsActive), ServerVersion.Current));
    }
}
