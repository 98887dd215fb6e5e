using Airgap.Analytics.Classification;
using Airgap.Inference.Errors;
using Airgap.Server.Endpoints;
using Airgap.Server.Jobs;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Tasks;

/// <summary>POST /v1/classify: texts into the caller's categories, by the model or, failing it, the nearest labelled example.</summary>
public static class ClassifyEndpoints
{
    public static IEndpointRouteBuilder MapClassify(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").WithOpenAiErrors().MapPost("/classify", Classify).AllowRespondAsync();
        return app;
    }

    private static async Task<IResult> Classify(HttpContext http, TextClassifier classifier, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(http.Request, ClassifyJsonContext.Plain.ClassifyRequest, cancellationToken);
        var (texts, field) = (request.Text, request.Texts) switch
        {
            ({ }, { }) => throw new InvalidRequestException("texts", "give text or texts, not both"),
            ({ } one, null) => ((IReadOnlyList<string?>)[one], "text"),
            (null, { } many) => (many, "texts"),
            _ => throw new InvalidRequestException("text", "is required (or texts, a list)"),
        };
        if (request.Categories is null) throw new InvalidRequestException("categories", "is required");
        var examples = (request.Examples ?? []).Select((e, i) => e is null
            ? throw new InvalidRequestException($"examples[{i}]", "must be an object with text and label")
            : new LabelledExample(e.Text ?? "", e.Label ?? "")).ToList();
        var outcome = await classifier.ClassifyAsync(
            new ClassificationRequest(texts.Select(t => t ?? "").ToList(), request.Categories.Select(c => c ?? "").ToList(), examples, request.Model),
            cancellationToken, field);
        var results = outcome.Results.Select(r => new ClassifyResult(r.Category, Source(r.Source), r.Confidence, r.Example)).ToList();
        return Results.Json(new ClassifyResponse(results, outcome.Model, outcome.Notes), ClassifyJsonContext.Plain.ClassifyResponse);
    }

    private static string Source(ClassificationSource source) => source switch
    {
        ClassificationSource.Llm => "llm",
        ClassificationSource.Embeddings => "embeddings",
        _ => "none",
    };
}
