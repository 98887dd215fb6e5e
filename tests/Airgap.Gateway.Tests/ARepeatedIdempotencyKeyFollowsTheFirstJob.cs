using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

public sealed class ARepeatedIdempotencyKeyFollowsTheFirstJob
{
    private static readonly GatewayOptions Options = new()
    {
        StartTimeout = TimeSpan.FromSeconds(5), AckWait = TimeSpan.FromSeconds(2), HeartbeatInterval = TimeSpan.FromMilliseconds(200),
    };

    internal static ChatOptions Keyed() => new()
    {
        ModelId = JobsOnNats.Model,
        AdditionalProperties = new() { [AirgapChatProperties.Identity] = "alice", [AirgapChatProperties.IdempotencyKey] = "order-42" },
    };

    [Fact]
    public async Task A_caller_repeating_the_key_before_the_job_started_gets_the_same_answer_from_the_one_job()
    {
        await using var site = await JobsOnNats.StartAsync(Options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = site.Client().GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], Keyed(), timeout.Token);
        var second = site.Client().GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], Keyed(), timeout.Token);
        var engine = new HeldEngine("Hel", "lo") { Held = false };

        await site.StartWorkerAsync(engine);

        Assert.Equal("Hello", (await first).Text);
        Assert.Equal("Hello", (await second).Text);
    }

    [Fact]
    public async Task A_caller_repeating_the_key_of_a_job_already_answering_is_told_the_key_is_taken()
    {
        await using var site = await JobsOnNats.StartAsync(Options);
        var engine = new HeldEngine("Hel", "lo");
        await site.StartWorkerAsync(engine);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var first = site.Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], Keyed(), timeout.Token).GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync());

        var error = await Assert.ThrowsAsync<DuplicateRequestException>(() =>
            site.Client(o => o with { StartTimeout = TimeSpan.FromSeconds(1) }).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], Keyed(), timeout.Token));

        Assert.StartsWith("Idempotency-Key: the request first sent with this key", error.Message);
        engine.Release();
    }
}
