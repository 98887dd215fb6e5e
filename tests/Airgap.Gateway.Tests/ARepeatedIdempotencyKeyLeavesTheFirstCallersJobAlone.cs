using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

/// <summary>
/// The job a repeated key names belongs to the caller that first sent the key: a second caller that stops following it
/// (refused, timed out or gone) must not cancel it.
/// </summary>
public sealed class ARepeatedIdempotencyKeyLeavesTheFirstCallersJobAlone
{
    [Fact]
    public async Task A_second_caller_that_is_refused_as_a_duplicate_does_not_cancel_the_answer_the_first_caller_is_getting()
    {
        await using var site = await JobsOnNats.StartAsync(new GatewayOptions { StartTimeout = TimeSpan.FromSeconds(5), AckWait = TimeSpan.FromSeconds(2),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var engine = new HeldEngine("Hel", "lo");
        await site.StartWorkerAsync(engine);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var first = site.Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], ARepeatedIdempotencyKeyFollowsTheFirstJob.Keyed(), timeout.Token).GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync());
        Assert.Equal("Hel", first.Current.Text);

        var second = site.Client(o => o with { StartTimeout = TimeSpan.FromSeconds(1) });
        await Assert.ThrowsAsync<DuplicateRequestException>(() => second.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], ARepeatedIdempotencyKeyFollowsTheFirstJob.Keyed(), timeout.Token));
        // A cancel the second caller sent reaches the worker within milliseconds; give it ample time to show.
        await Task.WhenAny(engine.Cancelled, Task.Delay(TimeSpan.FromSeconds(2), timeout.Token));

        Assert.False(engine.Cancelled.IsCompleted, "the second caller's giving up cancelled the job the first caller follows");
        engine.Release();
        var rest = "";
        while (await first.MoveNextAsync()) rest += first.Current.Text;
        Assert.Equal("lo", rest);
    }
}
