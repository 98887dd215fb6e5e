using System.Net;
using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class QueuedJobsSurviveARestart
{
    [Fact]
    public async Task Jobs_stored_by_a_server_that_ran_none_complete_after_it_is_restarted_to_run_them()
    {
        // Jobs:Parallel 0 accepts and keeps jobs but runs none, as a server whose work is paused would.
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });
        var ids = new List<string>();
        foreach (var prompt in new[] { "one", "two", "three" })
        {
            var (_, _, job) = await JobServer.PostAsync(server.Client, "/api/generate", $$$"""{"model":"tiny:test","prompt":"{{{prompt}}}","options":{"num_predict":4}}""");
            ids.Add(job.GetProperty("id").GetString()!);
        }
        var (_, queued) = await JobServer.GetAsync(server.Client, "/v1/jobs?status=queued");

        await server.RestartAsync(new JobOptions());

        Assert.Equal(3, queued.GetProperty("data").GetArrayLength());
        foreach (var id in ids)
        {
            var done = await JobServer.FinishedAsync(server.Client, id);
            Assert.Equal(JobStatus.Done, done.GetProperty("status").GetString());
            Assert.True(done.GetProperty("result").GetProperty("done").GetBoolean());
        }
    }

    [Fact]
    public async Task A_cancelled_job_stays_cancelled_across_a_restart_and_never_runs()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });
        var (_, _, job) = await JobServer.PostAsync(server.Client, "/v1/completions", """{"model":"tiny:test","prompt":"Hi","max_tokens":4}""");
        var id = job.GetProperty("id").GetString()!;

        using var cancel = await server.Client.DeleteAsync("/v1/jobs/" + id);
        await server.RestartAsync(new JobOptions());
        await Task.Delay(500);
        var (_, after) = await JobServer.GetAsync(server.Client, "/v1/jobs/" + id);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(JobStatus.Cancelled, after.GetProperty("status").GetString());
        Assert.Null(after.GetProperty("started").GetString());
        Assert.False(after.TryGetProperty("result", out _));
    }
}
