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

    [Fact]
    public async Task A_retry_after_the_first_request_was_given_up_on_runs_anew_under_the_same_key()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats, o => o with { StartTimeout = TimeSpan.FromSeconds(1) });
        // The very request the retry sends: same caller, key and content.
        using var refused = await site.Client.SendAsync(GatewayClient.Generate("shift 4", priority: 0, tokens: 3, idempotencyKey: "shift-4"));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);

        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);
        var retry = await GatewayClient.GenerateAsync(site.Client, "shift 4", priority: 0, tokens: 3, idempotencyKey: "shift-4");

        Assert.NotEmpty(retry.Text);
    }
}
