using System.Net;
using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class JobsAreBoundedPerCaller
{
    [Fact]
    public async Task One_job_past_Jobs_MaxQueuedPerCaller_is_a_429_naming_the_setting_and_is_not_stored()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0, MaxQueuedPerCaller = 2 });
        const string Embed = """{"model":"tiny:test","input":"a pump"}""";
        await JobServer.PostAsync(server.Client, "/v1/embeddings", Embed);
        await JobServer.PostAsync(server.Client, "/v1/embeddings", Embed);

        var (status, headers, error) = await JobServer.PostAsync(server.Client, "/v1/embeddings", Embed);
        var (_, list) = await JobServer.GetAsync(server.Client, "/v1/jobs");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("too_many_jobs", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Jobs:MaxQueuedPerCaller", error.GetProperty("error").GetProperty("message").GetString());
        Assert.NotNull(headers.RetryAfter);
        Assert.Equal(2, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task The_list_is_newest_first_filters_by_status_and_refuses_an_unknown_status()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });
        var (_, _, first) = await JobServer.PostAsync(server.Client, "/v1/embeddings", """{"model":"tiny:test","input":"one"}""");
        var (_, _, second) = await JobServer.PostAsync(server.Client, "/v1/embeddings", """{"model":"tiny:test","input":"two"}""");
        using var cancel = await server.Client.DeleteAsync("/v1/jobs/" + first.GetProperty("id").GetString());

        var (_, all) = await JobServer.GetAsync(server.Client, "/v1/jobs");
        var (_, cancelled) = await JobServer.GetAsync(server.Client, "/v1/jobs?status=cancelled");
        var (bad, error) = await JobServer.GetAsync(server.Client, "/v1/jobs?status=finished");
        var (badLimit, _) = await JobServer.GetAsync(server.Client, "/v1/jobs?limit=1000");

        Assert.Equal(new[] { second.GetProperty("id").GetString()!, first.GetProperty("id").GetString()! },
            all.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToArray());
        Assert.Equal(first.GetProperty("id").GetString(), Assert.Single(cancelled.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("status", error.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit);
    }
}
