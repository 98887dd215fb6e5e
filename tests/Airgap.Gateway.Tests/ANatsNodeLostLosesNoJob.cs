namespace Airgap.Gateway.Tests;

public sealed class ANatsNodeLostLosesNoJob
{
    [Fact]
    public async Task Killing_one_of_three_JetStream_nodes_under_load_loses_no_job()
    {
        using var nats = await NatsServer.StartAsync(3);
        // Gateway and workers talk to nodes 1 and 2; node 0 holds a third copy of the stream (R3) and dies mid-run.
        await using var site = await GatewaySite.StartAsync(nats, o => o with { Nats = nats.UrlOf(1, 2), Replicas = 3, StartTimeout = TimeSpan.FromSeconds(60) });
        var jobs = Enumerable.Range(0, 30).Select(i => GatewayClient.GenerateAsync(site.Client, $"batch {i}", priority: i % 10, tokens: 30)).ToList();
        await GatewayClient.EventuallyAsync(async () => await QueuedAsync(site) == 30, "thirty jobs in the stream");

        await site.StartWorkerAsync(parallel: 2);
        var directory = (WorkerDirectory)site.GatewayServices.GetService(typeof(WorkerDirectory))!;
        await GatewayClient.EventuallyAsync(() => Task.FromResult(directory.Live() is [{ Completed: >= 5 }]), "five jobs done");
        nats.Kill(0);

        var answers = await Task.WhenAll(jobs);
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
