using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Airgap.Analytics.Anomaly;
using Airgap.Inference.Errors;
using Airgap.Models.Naming;
using Airgap.Server.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/telemetry/{detector} feeds a detector's live stream; GET /v1/alerts/stream sends its alerts as server-sent events.</summary>
public static class TelemetryEndpoints
{
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithOpenAiErrors();
        v1.MapPost("/telemetry/{detector}", Ingest);
        v1.MapGet("/alerts/stream", Stream);
        return app;
    }

    private static async Task<IResult> Ingest(string detector, HttpContext http, DetectorDefinitions definitions, DetectorRegistry detectors,
        TelemetryIngest ingest, CancellationToken cancellationToken)
    {
        var name = ModelName.TryParse(detector, out var parsed, out var error) ? parsed.ToString() : throw new InvalidRequestException("detector", error);
        if (definitions.Find(name) is null && detectors.List().All(v => v.Name != name)) throw new DetectorNotFoundException(name);
        AnomalyEndpoints.RequireTrained(detectors, name, detector, "detector");
        var (_, file) = detectors.Load(name);
        var rows = await AnomalyRowsReader.ReadAsync(http.Request, file.Features, cancellationToken);
        var (version, scores, alerts) = ingest.Ingest(name, rows);
        var results = scores.Select((s, i) => ScoredRow.From(i + 1, s, file)).ToList();
        return Results.Json(new TelemetryResponse(name, version, results, alerts.Select(AlertMessage.From).ToList()), AnomalyJsonContext.Plain.TelemetryResponse);
    }

    private static IResult Stream(AlertBroadcaster alerts, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Events(alerts, cancellationToken));

    private static async IAsyncEnumerable<SseItem<string>> Events(AlertBroadcaster alerts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A first comment-like event tells the client the subscription is live before any alert arrives.
        yield return new SseItem<string>("{}", "ready");
        await foreach (var alert in alerts.Subscribe(cancellationToken))
            yield return new SseItem<string>(JsonSerializer.Serialize(AlertMessage.From(alert), AnomalyJsonContext.Plain.AlertMessage), "alert");
    }
}
