using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

public sealed class AJobRerunAfterItsStartByTimeStillResumes
{
    [Fact]
    public async Task A_job_whose_worker_is_lost_mid_answer_after_its_start_by_time_is_rerun_and_the_answer_goes_on()
    {
        // The defaults (start timeout 30 s, ack wait 30 s) put every rerun of a lost worker's job past its start-by time;
        // these keep that order at test speed.
        await using var site = await JobsOnNats.StartAsync(new GatewayOptions { StartTimeout = TimeSpan.FromSeconds(2), AckWait = TimeSpan.FromSeconds(3),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var lostEngine = new HeldEngine("Hel", "never said");
        var lost = await site.StartWorkerAsync(lostEngine);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var answer = site.Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = JobsOnNats.Model },
            timeout.Token).GetAsyncEnumerator();
        Assert.True(await answer.MoveNextAsync());
        Assert.Equal("Hel", answer.Current.Text);

        await lost.DisposeAsync(); // the worker is cut off: no more frames, no progress, nothing handed back
        await site.StartWorkerAsync(new HeldEngine("Hel", "lo") { Held = false });

        var rest = "";
        while (await answer.MoveNextAsync()) rest += answer.Current.Text;
        Assert.Equal("lo", rest);
    }
}
