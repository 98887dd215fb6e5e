using Airgap.Inference.Errors;
using Airgap.Server.Endpoints;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Airgap.Server.Jobs;

/// <summary>GET /v1/jobs, GET /v1/jobs/{id} and DELETE /v1/jobs/{id}: a caller's asynchronous requests, and only theirs.</summary>
public static class JobEndpoints
{
    /// <summary>Jobs GET /v1/jobs lists when the request names no limit.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Most jobs one GET /v1/jobs lists.</summary>
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/v1/jobs").WithOpenAiErrors();
        jobs.MapGet("", List);
        jobs.MapGet("/{id}", Get);
        jobs.MapDelete("/{id}", Cancel);
        return app;
    }

    /// <summary>Where a job is read: the Location of a 202.</summary>
    public static string Location(string id) => "/v1/jobs/" + id;

    private static IResult List(HttpContext http, JobStore store, string? status, string? limit)
    {
        if (status is not null && !JobStatus.All.Contains(status))
            throw new InvalidRequestException("status", $"must be one of {string.Join(", ", JobStatus.All)}");
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxLimit))
            throw new InvalidRequestException("limit", $"must be a whole number from 1 to {MaxLimit}");
        var jobs = store.List(ApiKeyAuthentication.Identity(http), status, count);
        return Results.Json(new JobList("list", jobs.Select(j => JobView.From(j, withResult: false)).ToList()), JobJsonContext.Plain.JobList);
    }

    private static IResult Get(HttpContext http, JobStore store, string id) =>
        Results.Json(JobView.From(store.Get(ApiKeyAuthentication.Identity(http), id) ?? throw new JobNotFoundException(id), withResult: true),
            JobJsonContext.Plain.JobView);

    // A queued job never starts; a running one is stopped as a client that leaves is. A finished job is answered as it is.
    private static IResult Cancel(HttpContext http, JobStore store, JobRunner runner, TimeProvider clock, string id)
    {
        var job = store.Cancel(ApiKeyAuthentication.Identity(http), id, clock.GetUtcNow()) ?? throw new JobNotFoundException(id);
        runner.Stop(id);
        return Results.Json(JobView.From(job, withResult: true), JobJsonContext.Plain.JobView);
    }
}
