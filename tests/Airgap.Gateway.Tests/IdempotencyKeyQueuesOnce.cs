namespace Airgap.Gateway.Tests;

public sealed class IdempotencyKeyQueuesOnce
{
    [Fact]
    public async Task A_request_retried_with_the_same_key_is_queued_once_and_both_callers_get_its_answer()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        var first = GatewayClient.GenerateAsync(site.Client, "summarise shift 3", priority: 5, tokens: 30, idempotencyKey: "shift-3-summary");
        await GatewayClient.EventuallyAsync(async () => await GatewayClient.QueuedAsync(site.Client, 5) == 1, "the job in the stream");
        var retry = GatewayClient.GenerateAsync(site.Client, "summarise shift 3", priority: 5, tokens: 30, idempotencyKey: "shift-3-summary");
        await Task.Delay(500);
        Assert.Equal(1, await GatewayClient.QueuedAsync(site.Client, 5));

        await site.StartWorkerAsync(parallel: 2);

        Assert.Equal((await first).Text, (await retry).Text);
        var directory = (WorkerDirectory)site.GatewayServices.GetService(typeof(WorkerDirectory))!;
        await GatewayClient.EventuallyAsync(() => Task.FromResult(directory.Live().Single().Completed == 1), "the worker to report its job");
        await Task.Delay(500);
        Assert.Equal(1, directory.Live().Single().Completed);
    }
}
