using System.Globalization;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Airgap.Server.Wire;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Grpc;

/// <summary>
/// gRPC's dialect of the one error classification (<see cref="ApiErrors"/>): the same message, a gRPC status instead of
/// an HTTP one, and the REST error code and Retry-After as trailers.
/// </summary>
public static class GrpcErrors
{
    /// <summary>The trailer that carries the error code the REST APIs put in their bodies (<c>model_not_found</c>…).</summary>
    public const string CodeTrailer = "airgap-error-code";

    /// <summary>The trailer that says after how many seconds a retry may succeed.</summary>
    public const string RetryAfterTrailer = "retry-after";

    /// <summary>True when the request is a gRPC call (its content type is application/grpc…).</summary>
    public static bool IsGrpc(HttpContext http) => http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The status of a failed call: typed exceptions by type, everything else by its HTTP status.</summary>
    public static StatusCode Code(Exception e, ApiErrors.Classified error) => e switch
    {
        OperationCanceledException => StatusCode.Cancelled,
        InvalidRequestException or ModelCannotSeeImagesException => StatusCode.InvalidArgument,
        ContextLengthExceededException => StatusCode.OutOfRange,
        ModelNotFoundException => StatusCode.NotFound,
        QueueFullException => StatusCode.ResourceExhausted,
        // Not retried until its file or the request changes: retrying as is cannot help.
        ModelLoadException => StatusCode.FailedPrecondition,
        ModelUnavailableException or ShuttingDownException or GenerationInterruptedException => StatusCode.Unavailable,
        RequestTimeoutException => StatusCode.DeadlineExceeded,
        DuplicateRequestException => StatusCode.AlreadyExists,
        _ => Code(error.Status),
    };

    /// <summary>The gRPC status of an HTTP status, for refusals made before any service runs (keys, limits, routes).</summary>
    public static StatusCode Code(int httpStatus) => httpStatus switch
    {
        400 or 413 or 422 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        405 or 501 => StatusCode.Unimplemented,
        409 => StatusCode.AlreadyExists,
        429 => StatusCode.ResourceExhausted,
        503 => StatusCode.Unavailable,
        504 => StatusCode.DeadlineExceeded,
        _ => StatusCode.Internal,
    };

    /// <summary>The exception a service throws for <paramref name="e"/>: logged when unexpected and recorded as the request's refusal.</summary>
    public static RpcException ToRpcException(Exception e, HttpContext http)
    {
        if (e is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
            return new RpcException(new Status(StatusCode.Cancelled, "the client cancelled the call"));
        var error = ApiErrors.Classify(e);
        ApiErrors.LogUnexpected(http, e, error);
        Observability.RequestRecord.Of(http)?.Refused(error.Code ?? error.Type, error.Message, error.Status);
        return new RpcException(new Status(Code(e, error), error.Message), Trailers(error));
    }

    /// <summary>Answers a gRPC call that no service reached (no key, over a limit) with a trailers-only gRPC status.</summary>
    public static Task WriteAsync(HttpContext http, ApiErrors.Classified error)
    {
        Observability.RequestRecord.Of(http)?.Refused(error.Code ?? error.Type, error.Message, error.Status);
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        // Before any service, a 404 or 405 is a route no service answers: gRPC's UNIMPLEMENTED.
        var code = error.Status is 404 or 405 ? StatusCode.Unimplemented : Code(error.Status);
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Message);
        foreach (var trailer in Trailers(error)) response.Headers[trailer.Key] = trailer.Value;
        return Task.CompletedTask;
    }

    private static Metadata Trailers(ApiErrors.Classified error)
    {
        var trailers = new Metadata();
        if (error.Code is { } code) trailers.Add(CodeTrailer, code);
        if (error.RetryAfter is { } retry) trailers.Add(RetryAfterTrailer, Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        return trailers;
    }
}
