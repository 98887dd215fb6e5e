using System.Net;
using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class JobsBelongToTheirCaller
{
    private const string KeyA = "key-of-caller-a-0123456789";
    private const string KeyB = "key-of-caller-b-0123456789";
    private const string Generate = """{"model":"tiny:test","prompt":"Hi","options":{"num_predict":4}}""";

    [Fact]
    public async Task Another_key_cannot_see_list_or_cancel_a_job_and_its_own_idempotency_keys_are_its_own()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 }, KeyA, KeyB);
        using var a = server.ClientWith(KeyA);
        using var b = server.ClientWith(KeyB);
        var (_, _, job) = await JobServer.PostAsync(a, "/api/generate", Generate, headers: ("Idempotency-Key", "same"));
        var id = job.GetProperty("id").GetString()!;

        var (read, notFound) = await JobServer.GetAsync(b, "/v1/jobs/" + id);
        var (_, listB) = await JobServer.GetAsync(b, "/v1/jobs");
        using var cancel = await b.DeleteAsync("/v1/jobs/" + id);
        var (_, _, ownJob) = await JobServer.PostAsync(b, "/api/generate", Generate, headers: ("Idempotency-Key", "same"));
        var (_, stillQueued) = await JobServer.GetAsync(a, "/v1/jobs/" + id);
        var (_, listA) = await JobServer.GetAsync(a, "/v1/jobs");

        Assert.Equal(HttpStatusCode.NotFound, read);
        Assert.Equal("job_not_found", notFound.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(0, listB.GetProperty("data").GetArrayLength());
        Assert.NotEqual(id, ownJob.GetProperty("id").GetString());
        Assert.Equal(JobStatus.Queued, stillQueued.GetProperty("status").GetString());
        Assert.Equal(id, Assert.Single(listA.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_job_runs_as_the_key_that_submitted_it_and_without_a_key_nothing_is_submitted()
    {
        await using var server = await JobServer.StartAsync(null, KeyA, KeyB);
        using var a = server.ClientWith(KeyA);

        var (refused, _, _) = await JobServer.PostAsync(server.Client, "/api/generate", Generate);
        var (_, _, job) = await JobServer.PostAsync(a, "/api/generate", Generate);
        var done = await JobServer.FinishedAsync(a, job.GetProperty("id").GetString()!);

        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal(JobStatus.Done, done.GetProperty("status").GetString());
        Assert.True(done.GetProperty("result").GetProperty("done").GetBoolean());
    }
}
