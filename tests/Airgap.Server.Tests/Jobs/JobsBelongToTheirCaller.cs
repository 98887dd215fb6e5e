using System.Net;
using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class JobsBelongToTheirCaller
{
    private const string KeyA = "key-of-caller-a-0123456789";
    private const string KeyB = "key-of-caller-b-0123456789";
    private const string KeyC = "key-of-caller-c-0123456789";
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

    [Fact]
    public async Task A_job_whose_key_is_no_longer_configured_when_it_runs_fails_with_401()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 }, KeyA, KeyB);
        string id;
        using (var a = server.ClientWith(KeyA))
        {
            var (_, _, job) = await JobServer.PostAsync(a, "/api/generate", Generate);
            id = job.GetProperty("id").GetString()!;
        }

        // Key A is rotated out for key C: C is another caller, so the job is not C's to see; it runs as A and is refused.
        await server.RestartAsync(new JobOptions(), KeyB, KeyC);
        using var c = server.ClientWith(KeyC);
        var (_, notCs) = await JobServer.GetAsync(c, "/v1/jobs/" + id);

        Assert.Equal("job_not_found", notCs.GetProperty("error").GetProperty("code").GetString());
        var store = new JobStore(Path.Combine(server.Home.Root, JobStore.FileName));
        var identity = Server.Hosting.ApiKey.Parse(KeyA).Id;
        Job? failed = null;
        for (var i = 0; i < 600 && failed?.Status is null or JobStatus.Queued or JobStatus.Running; i++)
        {
            failed = store.Get(identity, id);
            await Task.Delay(50);
        }
        Assert.Equal(JobStatus.Failed, failed!.Status);
        Assert.Equal(401, failed.ResultStatus);
    }
}
