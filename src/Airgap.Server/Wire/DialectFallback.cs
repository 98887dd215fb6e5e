using System.Text.Json;
using Airgap.Server.Ollama;
using Airgap.Server.OpenAi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Airgap.Server.Wire;

/// <summary>
/// What no endpoint answered — an unknown route, a wrong method, an exception outside an endpoint — still gets a
/// JSON error in the dialect of its prefix: OpenAI's under /v1, Ollama's everywhere else (and a gRPC call a gRPC status).
/// </summary>
public static class DialectFallback
{
    public static IApplicationBuilder UseDialectFallback(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !ApiErrors.ClientLeft(e, context))
        {
            var error = ApiErrors.Classify(e);
            ApiErrors.LogUnexpected(context, e, error);
            if (error.RetryAfter is { } retry) context.Response.Headers.RetryAfter = Math.Max(1, (int)retry.TotalSeconds).ToString();
            await WriteAsync(context, error);
            return;
        }
        if (context.Response.HasStarted) return;
        var request = context.Request;
        if (context.Response.StatusCode == StatusCodes.Status404NotFound)
            await WriteAsync(context, new(404, $"no such endpoint: {request.Method} {request.Path}", "invalid_request_error", null, "unknown_url", null));
        else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = context.Response.Headers.Allow.ToString();
            var hint = allowed.Length > 0 ? $"; use {allowed}" : "";
            await WriteAsync(context, new(405, $"method {request.Method} is not allowed on {request.Path}{hint}", "invalid_request_error", null, "method_not_allowed", null));
        }
    });

    /// <summary>Writes <paramref name="error"/> as the error body of the request's dialect (a gRPC status to a gRPC call).</summary>
    public static Task WriteAsync(HttpContext context, ApiErrors.Classified error)
    {
        if (Grpc.GrpcErrors.IsGrpc(context)) return Grpc.GrpcErrors.WriteAsync(context, error);
        context.Response.StatusCode = error.Status;
        Observability.RequestRecord.Of(context)?.Refused(error.Code ?? error.Type, error.Message);
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(Body(context.Request.Path, error));
    }

    /// <summary>The error body of <paramref name="path"/>'s dialect: OpenAI's under /v1, Ollama's elsewhere.</summary>
    public static string Body(PathString path, ApiErrors.Classified error) =>
        path.StartsWithSegments("/v1")
            ? JsonSerializer.Serialize(new OpenAiError(new OpenAiErrorBody(error.Message, error.Type, error.Param, error.Code)), OpenAiJsonContext.Plain.OpenAiError)
            : JsonSerializer.Serialize(new OllamaError(error.Message), OllamaJsonContext.Plain.OllamaError);
}
