using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Airgap.Models.Packs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Wire;

/// <summary>One classification of lower-layer exceptions into HTTP statuses, shared by both API dialects.</summary>
public static class ApiErrors
{
    public sealed record Classified(int Status, string Message, string Type, string? Param, string? Code, TimeSpan? RetryAfter);

    /// <summary>The status and wording of any exception; one no branch knows is a 500 that still says what failed.</summary>
    public static Classified Classify(Exception e) => e switch
    {
        InvalidRequestException x => new(400, x.Message, "invalid_request_error", x.Field, "invalid_value", null),
        ContextLengthExceededException x => new(400, x.Message, "invalid_request_error", "messages", "context_length_exceeded", null),
        ModelCannotSeeImagesException x => new(400, x.Message, "invalid_request_error", "model", "model_cannot_see_images", null),
        ModelNotFoundException x => new(404, x.Message, "invalid_request_error", "model", "model_not_found", null),
        QueueFullException x => new(503, x.Message, "server_error", null, "queue_full", x.RetryAfter),
        ModelUnavailableException x => new(503, x.Message, "server_error", "model", "model_unavailable", x.RetryAfter),
        DuplicateRequestException x => new(409, x.Message, "invalid_request_error", "Idempotency-Key", "duplicate_request", null),
        GenerationInterruptedException x => new(503, x.Message, "server_error", null, "generation_interrupted", TimeSpan.FromSeconds(1)),
        ModelLoadException x => new(500, x.Message, "server_error", "model", "model_load_failed", null),
        RequestTimeoutException x => new(504, x.Message, "server_error", null, "timeout", null),
        ShuttingDownException x => new(503, x.Message, "server_error", null, "shutting_down", TimeSpan.FromSeconds(5)),
        RegistryUnavailableException x => new(503, x.Message, "server_error", null, "registry_unavailable", TimeSpan.FromSeconds(30)),
        RegistryException x => new(400, x.Message, "invalid_request_error", "model", "invalid_model", null),
        Analytics.Search.SearchCollectionFullException x => new(400, x.Message, "invalid_request_error", "texts", "collection_full", null),
        Analytics.Search.SearchCollectionNotFoundException x => new(404, x.Message, "invalid_request_error", "collection", "collection_not_found", null),
        Analytics.Anomaly.DetectorNotFoundException x => new(404, x.Message, "invalid_request_error", "name", "detector_not_found", null),
        Jobs.JobNotFoundException x => new(404, x.Message, "invalid_request_error", "id", "job_not_found", null),
        Jobs.TooManyJobsException x => new(429, x.Message, "rate_limit_error", null, "too_many_jobs", TimeSpan.FromSeconds(5)),
        Jobs.IdempotencyKeyReusedException x => new(422, x.Message, "invalid_request_error", "Idempotency-Key", "idempotency_key_reused", null),
        PackException x => new(400, x.Message, "invalid_request_error", null, "invalid_pack", null),
        BadHttpRequestException x => new(x.StatusCode, x.Message, "invalid_request_error", "body", "invalid_body", null),
        // Ollama answers an unexpected failure with its message as is; the 500 already says whose fault it is.
        _ => new(500, e.Message, "server_error", null, "server_error", null),
    };

    /// <summary>True when the exception is only the client having left: there is no one to answer.</summary>
    public static bool ClientLeft(Exception e, HttpContext http) => e is OperationCanceledException && http.RequestAborted.IsCancellationRequested;

    /// <summary>Logs an exception this server did not expect, so a 500 can be traced.</summary>
    public static void LogUnexpected(HttpContext http, Exception e, Classified error)
    {
        // A 503 is the service saying it is busy or its workers are away, as designed; a 500 is a fault to trace.
        if (error.Status is < 500 or 503) return;
        http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Airgap.Server.Errors")
            .LogError(e, "{Method} {Path} failed: {Message}", http.Request.Method, http.Request.Path, e.Message);
    }

    /// <summary>An endpoint filter that turns every exception into this dialect's error response.</summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext _, EndpointFilterDelegate next, Func<Classified, IResult> shape) =>
        async context =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (!ClientLeft(e, context.HttpContext))
            {
                var error = Classify(e);
                LogUnexpected(context.HttpContext, e, error);
                Observability.RequestRecord.Of(context.HttpContext)?.Refused(error.Code ?? error.Type, error.Message);
                if (error.RetryAfter is { } retry)
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)retry.TotalSeconds).ToString();
                return shape(error);
            }
        };
}
