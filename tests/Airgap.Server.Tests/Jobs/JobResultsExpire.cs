using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class JobResultsExpire
{
    [Fact]
    public async Task A_result_older_than_Jobs_ResultRetention_is_removed_and_the_job_reads_expired()
    {
        await using var server = await JobServer.StartAsync(new JobOptions { ResultRetention = TimeSpan.FromSeconds(1) });
        var (_, _, job) = await JobServer.PostAsync(server.Client, "/api/embed", """{"model":"tiny:test","input":"a pump"}""");
        var id = job.GetProperty("id").GetString()!;
        var done = await JobServer.FinishedAsync(server.Client, id);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var expired = done;
        while (expired.GetProperty("status").GetString() != JobStatus.Expired && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            (_, expired) = await JobServer.GetAsync(server.Client, "/v1/jobs/" + id);
        }

        Assert.Equal(JobStatus.Done, done.GetProperty("status").GetString());
        Assert.True(done.TryGetProperty("result", out _));
        Assert.Equal(JobStatus.Expired, expired.GetProperty("status").GetString());
        Assert.False(expired.TryGetProperty("result", out _));
    }
}
