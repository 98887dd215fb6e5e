using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Airgap.Server.Jobs;

/// <summary>What a replayed request answered: the status and body the synchronous call would have sent.</summary>
public sealed record JobOutcome(int Status, string? ContentType, byte[] Body);

/// <summary>
/// Runs a stored request through the application's own pipeline, in process. <see cref="Capture"/> is the first
/// middleware, so the delegate it keeps is everything after it — error fallback, routing, API keys, the endpoint with
/// its validation and error mapping — and a job answers exactly what the synchronous call would, whatever
/// <c>IChatClient</c> the endpoints are given (local engine or a remote one). The caller is carried by
/// <see cref="JobReplayFeature"/>, which no HTTP request can set.
/// </summary>
public sealed class JobReplay(IServiceScopeFactory scopes)
{
    private RequestDelegate? _pipeline;

    /// <summary>True once the pipeline has been built (the server has started).</summary>
    public bool Ready => _pipeline is not null;

    /// <summary>Keeps the rest of <paramref name="app"/>'s pipeline; adds nothing to a request's path.</summary>
    public IApplicationBuilder Capture(IApplicationBuilder app) => app.Use(next =>
    {
        _pipeline = next;
        return next;
    });

    /// <summary>Replays <paramref name="request"/> and captures its answer; cancelling <paramref name="cancellationToken"/> is the client leaving.</summary>
    public async Task<JobOutcome> RunAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var pipeline = _pipeline ?? throw new InvalidOperationException("the server's pipeline is not built yet");
        await using var scope = scopes.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
        http.Features.Set(new JobReplayFeature(request.Id, request.Identity));
        http.Request.Method = request.Method;
        http.Request.Scheme = "http";
        http.Request.Path = request.Path;
        http.Request.QueryString = new QueryString(request.Query);
        if (request.ContentType is not null) http.Request.ContentType = request.ContentType;
        if (request.PriorityHeader is not null) http.Request.Headers["X-Priority"] = new StringValues(request.PriorityHeader);
        http.Request.ContentLength = request.Body.Length;
        http.Request.Body = new MemoryStream(request.Body, writable: false);
        using var response = new MemoryStream();
        http.Features.Set<IHttpResponseFeature>(new CapturedResponse(response));
        http.Response.Body = response;
        await pipeline(http);
        return new JobOutcome(http.Response.StatusCode, http.Response.ContentType, response.ToArray());
    }

    // As on a connection, the response has started once a byte is written: the error fallback must not add its own
    // body after an endpoint's 404 or 405.
    private sealed class CapturedResponse(MemoryStream body) : HttpResponseFeature
    {
        public override bool HasStarted => body.Length > 0;
    }
}
