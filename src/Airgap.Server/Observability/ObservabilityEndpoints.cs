using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Airgap.Server.Observability;

/// <summary>What an operator reads of a running server: the last requests (admin) and the Prometheus metrics.</summary>
public static class ObservabilityEndpoints
{
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder app)
    {
        var metrics = app.ServiceProvider.GetRequiredService<AirgapMetrics>();
        // Created here so its scrape-time callback is registered before the first scrape.
        app.ServiceProvider.GetRequiredService<ServingGauges>();
        app.MapGet("/api/airgap/requests", Requests).RequireAdmin();
        // Behind the API keys when any are configured (any scope reads it); open on a keyless, loopback-only server. A plain
        // endpoint (not prometheus-net's middleware) so that it is described in the OpenAPI document like every other.
        app.MapGet("/metrics", (HttpContext http, CancellationToken cancellationToken) => Scrape(metrics, http, cancellationToken))
            .Produces(StatusCodes.Status200OK, contentType: "text/plain").WithSummary("Prometheus metrics (text exposition format)");
        return app;
    }

    private static async Task Scrape(AirgapMetrics metrics, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, cancellationToken);
    }

    private static IResult Requests(RequestRecords records) =>
        Results.Json(new RequestLogResponse(records.Recent().Select(Entry).ToList()), ObservabilityJsonContext.Default.RequestLogResponse);

    private static RequestLogEntry Entry(RequestRecord r) => new(r.Time, r.Method, r.Route, r.Model ?? r.RequestedModel, r.Status,
        r.PromptTokens, r.GeneratedTokens, RequestLogging.Milliseconds(r.QueueWait), RequestLogging.Milliseconds(r.TimeToFirstToken),
        RequestLogging.Milliseconds(r.Total), r.Priority, r.KeyId);
}
