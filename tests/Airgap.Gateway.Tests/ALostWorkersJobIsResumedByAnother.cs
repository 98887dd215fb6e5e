using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

public sealed class ALostWorkersJobIsResumedByAnother
{
    [Fact]
    public async Task The_caller_gets_the_rest_of_the_answer_from_the_rerun_without_the_repeated_text()
    {
        await using var site = await JobsOnNats.StartAsync(new GatewayOptions { StartTimeout = TimeSpan.FromSeconds(10), AckWait = TimeSpan.FromSeconds(3),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var lost = await site.StartWorkerAsync(new HeldEngine("Hel", "never said"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var answer = site.Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = JobsOnNats.Model },
            timeout.Token).GetAsyncEnumerator();
        Assert.True(await answer.MoveNextAsync());
        Assert.Equal("Hel", answer.Current.Text);

        await lost.DisposeAsync(); // the worker is cut off: no more frames, no progress, nothing handed back
        await site.StartWorkerAsync(new HeldEngine("Hel", "lo") { Held = false });

        var rest = new List<ChatResponseUpdate>();
        while (await answer.MoveNextAsync()) rest.Add(answer.Current);
        Assert.Equal("lo", string.Concat(rest.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Stop, rest[^1].FinishReason);
    }
}
