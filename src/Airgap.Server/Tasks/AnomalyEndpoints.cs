using System.Text.Json;
using Airgap.Analytics.Anomaly;
using Airgap.Inference.Errors;
using Airgap.Models.Naming;
using Airgap.Server.Endpoints;
using Airgap.Server.Jobs;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Tasks;

/// <summary>
/// Anomaly detectors over HTTP: define one (features, algorithm, parameters), train it on rows (each training a new
/// registry version, active), score rows against the active version, list and show them.
/// </summary>
public static class AnomalyEndpoints
{
    public static IEndpointRouteBuilder MapAnomaly(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/anomaly/detectors").WithOpenAiErrors();
        group.MapPost("", Create);
        group.MapGet("", List);
        group.MapGet("/{name}", Show);
        group.MapDelete("/{name}", Remove);
        group.MapPost("/{name}/train", Train);
        group.MapPost("/{name}/score", Score).AllowRespondAsync(jsonOnly: false);
        group.MapPost("/{name}/retrain", Retrain);
        return app;
    }

    private static async Task<IResult> Create(HttpContext http, DetectorDefinitions definitions, DetectorRegistry detectors, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, AnomalyJsonContext.Plain.CreateDetectorRequest, cancellationToken);
        var name = Name(request.Name);
        var features = request.Features?.Select((f, i) => string.IsNullOrWhiteSpace(f)
            ? throw new InvalidRequestException($"features[{i}]", "must be a non-empty string") : f.Trim()).ToList()
            ?? throw new InvalidRequestException("features", "is required: the readings' feature names, in order");
        if (features.Count is 0 or > DetectorRegistry.MaxFeatures)
            throw new InvalidRequestException("features", $"names {features.Count} features; a detector reads 1 to {DetectorRegistry.MaxFeatures}");
        try
        {
            detectors.CheckNameIsFree(name);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException("name", e.Message);
        }
        if (features.GroupBy(f => f, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidRequestException("features", $"names '{twice.Key}' twice");
        var algorithm = request.Algorithm ?? AnomalyAlgorithms.Default;
        var parameters = (request.Params ?? []).ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind switch
        {
            JsonValueKind.String => kv.Value.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => kv.Value.GetRawText(),
            _ => throw new InvalidRequestException($"params.{kv.Key}", "must be a number, a string or true/false"),
        });
        // The parameters are checked now, on a tiny fit, so a definition that could never train is refused at once.
        try
        {
            AnomalyAlgorithms.Fit(algorithm, Enumerable.Range(0, 300).Select(i => features.Select((_, f) => (double)((i * 7 + f * 3) % 11)).ToArray()).ToList(), parameters);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException(e.Message.StartsWith("algorithm", StringComparison.Ordinal) ? "algorithm" : "params", e.Message);
        }
        var definition = new DetectorDefinition(name, features, algorithm, parameters, clock.GetUtcNow());
        if (!definitions.Add(definition)) throw new InvalidRequestException("name", $"a detector named '{name}' exists");
        return Results.Json(ToWire(definition, detectors), AnomalyJsonContext.Plain.DetectorResponse, statusCode: StatusCodes.Status201Created);
    }

    private static IResult List(DetectorDefinitions definitions, DetectorRegistry detectors) =>
        Results.Json(new DetectorListResponse(definitions.All().Select(d => ToWire(d, detectors)).ToList()), AnomalyJsonContext.Plain.DetectorListResponse);

    private static IResult Show(string name, DetectorDefinitions definitions, DetectorRegistry detectors) =>
        Results.Json(ToWire(Find(definitions, name), detectors), AnomalyJsonContext.Plain.DetectorResponse);

    // The definition goes; trained versions stay in the registry (airgap models remove takes them), so nothing a
    // plant relied on disappears by accident.
    private static IResult Remove(string name, DetectorDefinitions definitions, DetectorRegistry detectors)
    {
        var definition = Find(definitions, name);
        definitions.Remove(definition.Name);
        return Results.Json(ToWire(definition, detectors), AnomalyJsonContext.Plain.DetectorResponse);
    }

    private static async Task<IResult> Train(string name, HttpContext http, DetectorDefinitions definitions, DetectorRegistry detectors,
        CancellationToken cancellationToken)
    {
        var definition = Find(definitions, name);
        var rows = await AnomalyRowsReader.ReadAsync(http.Request, definition.Features, cancellationToken);
        try
        {
            var (version, _) = await detectors.TrainAsync(definition.Name, definition.Features, rows, definition.Algorithm, definition.Parameters, cancellationToken);
            return Results.Json(new TrainResponse(definition.Name, version.Version, version.Digest, rows.Length, version.IsActive),
                AnomalyJsonContext.Plain.TrainResponse);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException("rows", e.Message);
        }
    }

    private static async Task<IResult> Score(string name, HttpContext http, DetectorDefinitions definitions, DetectorRegistry detectors,
        CancellationToken cancellationToken)
    {
        var definition = Find(definitions, name);
        RequireTrained(detectors, definition.Name, name, "name");
        var (version, detector) = detectors.Load(definition.Name);
        var rows = await AnomalyRowsReader.ReadAsync(http.Request, detector.Features, cancellationToken);
        var sequence = detector.Model.Sequence();
        var results = rows.Select((r, i) => ScoredRow.From(i + 1, sequence.Next(r), detector)).ToList();
        return Results.Json(new ScoreResponse(definition.Name, version.Version, results), AnomalyJsonContext.Plain.ScoreResponse);
    }

    private static async Task<IResult> Retrain(string name, HttpContext http, DetectorDefinitions definitions, DetectorRegistry detectors,
        DetectorRetraining retraining, CancellationToken cancellationToken)
    {
        var definition = Find(definitions, name);
        var request = http.Request.ContentLength is null or 0 && !http.Request.Headers.TransferEncoding.Any()
            ? new RetrainRequest(null, null)
            : await RequestBody.ReadAsync(http.Request, AnomalyJsonContext.Plain.RetrainRequest, cancellationToken);
        RequireTrained(detectors, definition.Name, name, "name");
        DetectorRetraining.Outcome outcome;
        try
        {
            outcome = await retraining.RetrainAsync(definition.Name, request.Window ?? DetectorRetraining.DefaultWindow,
                request.Margin ?? DetectorRetraining.DefaultMargin, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException(e.Message.StartsWith("window", StringComparison.Ordinal) ? "window"
                : e.Message.StartsWith("margin", StringComparison.Ordinal) ? "margin" : "name", e.Message);
        }
        return Results.Json(new RetrainResponse(outcome.Name, outcome.Version, outcome.Activated, outcome.Reason, outcome.TrainedOn, outcome.HeldOut,
            outcome.CandidateFalseAlarmRate, outcome.ActiveFalseAlarmRate, outcome.ActiveVersion), AnomalyJsonContext.Plain.RetrainResponse);
    }

    /// <summary>Refuses a detector with no trained version, saying where to train it (<paramref name="route"/>: its name as the URL gave it).</summary>
    internal static void RequireTrained(DetectorRegistry detectors, string name, string route, string field)
    {
        if (detectors.List().All(v => v.Name != name))
            throw new InvalidRequestException(field, $"detector '{name}' has not been trained: POST rows to /v1/anomaly/detectors/{route}/train first");
    }

    private static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidRequestException("name", "is required");
        return ModelName.TryParse(name.Trim(), out var parsed, out var error) ? parsed.ToString() : throw new InvalidRequestException("name", error);
    }

    private static DetectorDefinition Find(DetectorDefinitions definitions, string name) =>
        definitions.Find(Name(name)) ?? throw new DetectorNotFoundException(Name(name));

    private static DetectorResponse ToWire(DetectorDefinition d, DetectorRegistry detectors)
    {
        var versions = detectors.List().Where(v => v.Name == d.Name)
            .Select(v => new DetectorVersion(v.Version, v.Digest, v.ValidatedAt, v.IsActive)).ToList();
        return new DetectorResponse(d.Name, d.Features, d.Algorithm, d.Parameters, d.Created, versions.FirstOrDefault(v => v.Active)?.Version, versions);
    }
}
