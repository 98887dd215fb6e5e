namespace Airgap.Gateway.Tests;

public sealed class UrgentJobsOvertakeBatchWork
{
    [Fact]
    public async Task A_p9_request_queued_after_batch_work_runs_before_all_of_it()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        var batch = Enumerable.Range(0, 6).Select(i => GatewayClient.GenerateAsync(site.Client, $"last night's log {i}", priority: 0, tokens: 40)).ToList();
        await GatewayClient.EventuallyAsync(async () => await GatewayClient.QueuedAsync(site.Client, 0) == 6, "six p0 jobs in the stream");
        var urgent = GatewayClient.GenerateAsync(site.Client, "alarm on reactor 2", priority: 9, tokens: 40);
        await GatewayClient.EventuallyAsync(async () => await GatewayClient.QueuedAsync(site.Client, 9) == 1, "the p9 job in the stream");

        await site.StartWorkerAsync(parallel: 1);

        var urgentDone = (await urgent).Finished;
        var batchDone = (await Task.WhenAll(batch)).Select(b => b.Finished).ToList();
        Assert.All(batchDone, finished => Assert.True(urgentDone < finished, "a p0 job finished before the p9 one"));
    }

    [Fact]
    public async Task A_p0_request_still_runs_under_a_flood_of_p9_requests()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats, o => o with { AgingStep = TimeSpan.FromMilliseconds(20) });
        var low = GatewayClient.GenerateAsync(site.Client, "weekly report", priority: 0, tokens: 60);
        await GatewayClient.EventuallyAsync(async () => await GatewayClient.QueuedAsync(site.Client, 0) == 1, "the p0 job in the stream");
        var flood = Enumerable.Range(0, 40).Select(i => GatewayClient.GenerateAsync(site.Client, $"urgent {i}", priority: 9, tokens: 60)).ToList();
        await GatewayClient.EventuallyAsync(async () => await GatewayClient.QueuedAsync(site.Client, 9) == 40, "forty p9 jobs in the stream");

        await site.StartWorkerAsync(parallel: 1);

        var lowDone = (await low).Finished;
        var floodDone = (await Task.WhenAll(flood)).Select(f => f.Finished).OrderBy(f => f).ToList();
        // Aged for ten steps (0.2 s) the p0 job outranks fresh p9 work: it cannot be left until the flood is over.
        Assert.True(lowDone < floodDone[^5], $"the p0 job finished after {floodDone.Count(f => f < lowDone)} of 40 p9 jobs");
    }
}
