using Xunit.Abstractions;

namespace Airgap.Gateway.Tests;

public sealed class ANatsNodeLostLosesNoJob(ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private void Mark(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0} s {what}");
    [Fact]
    public async Task Killing_one_of_three_JetStream_nodes_under_load_loses_no_job()
    {
        using var nats = await NatsServer.StartAsync(3);
        // Gateway and workers talk to nodes 1 and 2; node 0 holds a third copy of the stream (R3) and dies mid-run.
        await using var site = await GatewaySite.StartAsync(nats, o => o with { Nats = nats.UrlOf(1, 2), Replicas = 3, StartTimeout = TimeSpan.FromSeconds(60) });
        Mark("site up");
        var jobs = Enumerable.Range(0, 30).Select(i => GatewayClient.GenerateAsync(site.Client, $"batch {i}", priority: i % 10, tokens: 30)).ToList();
        await GatewayClient.EventuallyAsync(async () =>
        {
            if (jobs.FirstOrDefault(j => j.IsFaulted) is { } failed) await failed; // a refused job says why at once
            return await QueuedAsync(site) == 30;
        }, "thirty jobs in the stream");

        Mark("queued");
        await site.StartWorkerAsync(parallel: 2);
        Mark("worker up");
        var directory = (WorkerDirectory)site.GatewayServices.GetService(typeof(WorkerDirectory))!;
        await GatewayClient.EventuallyAsync(() => Task.FromResult(directory.Live() is [{ Completed: >= 5 }]), "five jobs done");
        nats.Kill(0);
        Mark("killed");

        var answers = await Task.WhenAll(jobs);
        Mark("answered");
        Assert.Equal(30, answers.Length);
        Assert.All(answers, a => Assert.NotEmpty(a.Text));
        await GatewayClient.EventuallyAsync(async () => await QueuedAsync(site) == 0, "the stream to drain");
    }

    private static async Task<long> QueuedAsync(GatewaySite site)
    {
        long total = 0;
        for (var p = 0; p < 10; p++) total += await GatewayClient.QueuedAsync(site.Client, p);
        return total;
    }
}
