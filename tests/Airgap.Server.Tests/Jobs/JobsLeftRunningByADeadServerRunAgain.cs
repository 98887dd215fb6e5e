using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class JobsLeftRunningByADeadServerRunAgain
{
    private const string Generate = """{"model":"tiny:test","prompt":"Hi","options":{"num_predict":4}}""";

    [Fact]
    public async Task A_job_a_process_had_started_and_never_finished_runs_again_on_the_next_start()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });
        var (_, _, job) = await JobServer.PostAsync(server.Client, "/api/generate", Generate);
        var id = job.GetProperty("id").GetString()!;
        // What a process that died mid-job leaves behind: the job claimed (running, one start counted) and never finished.
        var store = new JobStore(Path.Combine(server.Home.Root, JobStore.FileName));
        Assert.Equal(id, store.ClaimNext(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1))!.Id);

        await server.RestartAsync(new JobOptions());
        var done = await JobServer.FinishedAsync(server.Client, id);

        Assert.Equal(JobStatus.Done, done.GetProperty("status").GetString());
        Assert.True(done.GetProperty("result").GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task A_job_that_was_running_each_time_the_process_died_is_given_up_as_failed_after_MaxAttempts_starts()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { Parallel = 0 });
        var (_, _, job) = await JobServer.PostAsync(server.Client, "/api/generate", Generate);
        var id = job.GetProperty("id").GetString()!;
        var store = new JobStore(Path.Combine(server.Home.Root, JobStore.FileName));
        for (var start = 1; start <= JobRunner.MaxAttempts; start++)
        {
            Assert.Equal(start, store.ClaimNext(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1))!.Attempts);
            if (start < JobRunner.MaxAttempts) store.Requeue(id, refund: false);
        }

        await server.RestartAsync(new JobOptions());
        var failed = await JobServer.FinishedAsync(server.Client, id);

        Assert.Equal(JobStatus.Failed, failed.GetProperty("status").GetString());
        Assert.Equal(500, failed.GetProperty("error_status").GetInt32());
        Assert.Contains("not run again", failed.GetProperty("result").GetProperty("error").GetString());
    }
}
