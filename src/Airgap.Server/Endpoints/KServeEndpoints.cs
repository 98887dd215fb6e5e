using Airgap.Inference.Tensors;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Endpoints;

/// <summary>
/// The KServe v2 / Open Inference Protocol REST API (as Triton, MLServer and OpenVINO Model Server speak it) over
/// every ONNX model: health, server and model metadata, and inference on JSON tensors. Errors are `{"error": "…"}`.
/// </summary>
public static class KServeEndpoints
{
    public static IEndpointRouteBuilder MapKServe(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2");
        v2.AddEndpointFilterFactory((context, next) => ApiErrors.Filter(context, next,
            e => Results.Json(new KServeError(e.Message), KServeJsonContext.Plain.KServeError, statusCode: e.Status)));
        v2.MapGet("", () => Results.Json(new KServeServerMetadata("airgap", ServerVersion.Current, []), KServeJsonContext.Plain.KServeServerMetadata));
        v2.MapGet("/health/live", () => Results.Ok());
        v2.MapGet("/health/ready", () => Results.Ok());
        v2.MapGet("/models/{name}", Metadata);
        v2.MapGet("/models/{name}/ready", (string name, OnnxModelCatalog models) =>
        {
            models.Find(name);
            return Results.Ok();
        });
        v2.MapPost("/models/{name}/infer", Infer);
        return app;
    }

    private static IResult Metadata(string name, OnnxModelCatalog models)
    {
        var (graph, reference, version) = models.Find(name);
        return Results.Json(new KServeModelMetadata(reference, [version], "onnxruntime_onnx",
            graph.Inputs.Select(Spec).ToList(), graph.Outputs.Select(Spec).ToList()), KServeJsonContext.Plain.KServeModelMetadata);
    }

    private static async Task<IResult> Infer(string name, HttpContext http, OnnxModelCatalog models, CancellationToken cancellationToken)
    {
        var (graph, reference, version) = models.Find(name);
        var request = await RequestBody.ReadAsync(http.Request, KServeJsonContext.Plain.KServeInferRequest, cancellationToken);
        if (request.Inputs is not { Count: > 0 }) throw new Inference.Errors.InvalidRequestException("inputs", "is required: a list of tensors");
        var inputs = request.Inputs.Select(KServeTensors.Read).ToList();
        var wanted = request.Outputs?.Select((o, i) => o?.Name ?? throw new Inference.Errors.InvalidRequestException($"outputs[{i}].name", "is required")).ToList();
        var outputs = await Task.Run(() => graph.Run(inputs, wanted), cancellationToken);
        return Results.Json(new KServeInferResponse(reference, version, request.Id,
            outputs.Select(o => new KServeOutput(o.Name, o.Datatype, o.Shape, KServeTensors.Write(o))).ToList()), KServeJsonContext.Plain.KServeInferResponse);
    }

    private static KServeTensorMetadata Spec(TensorSpec s) => new(s.Name, s.Datatype, s.Shape);
}
