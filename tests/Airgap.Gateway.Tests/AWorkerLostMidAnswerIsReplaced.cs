using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Airgap.Gateway.Tests;

public sealed class AWorkerLostMidAnswerIsReplaced
{
    [Fact]
    public async Task A_worker_killed_mid_stream_is_replaced_and_the_stream_resumes_where_it_stopped_once()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        var doomed = await site.StartWorkerProcessAsync(parallel: 1);
        await site.WaitForWorkersAsync(1);
        var request = new { model = GatewaySite.Model, prompt = "describe the batch record", stream = true, options = new { num_predict = 800, temperature = 0 } };

        using var response = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/generate") { Content = JsonContent.Create(request) },
            HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var streamed = new StringBuilder();
        await GatewayClient.ReadLinesAsync(reader, streamed, most: 10);
        doomed.Kill(); // SIGKILL: no goodbye, no nak; JetStream hands the job out again after its ack wait
        var survivor = await site.StartWorkerAsync(parallel: 1);
        var last = await GatewayClient.ReadLinesAsync(reader, streamed);

        Assert.NotNull(last);
        Assert.True(last.Value.GetProperty("done").GetBoolean());
        Assert.Equal(800, last.Value.GetProperty("eval_count").GetInt32());
        var directory = (WorkerDirectory)site.GatewayServices.GetService(typeof(WorkerDirectory))!;
        try
        {
            await GatewayClient.EventuallyAsync(() => Task.FromResult(directory.Live() is [{ Completed: 1 }]), "the survivor alone, one job done");
        }
        catch (TimeoutException e)
        {
            // Which workers were still heard, and what they had done, is what tells a lost kill from a job run twice.
            var live = string.Join("; ", directory.Live().Select(w => $"{w.Id}: completed {w.Completed}, running {w.Running}"));
            throw new TimeoutException($"{e.Message} (live: {(live.Length == 0 ? "none" : live)}, doomed exited: {doomed.HasExited})", e);
        }
        Assert.Equal(0, await GatewayClient.QueuedAsync(site.Client, 0));

        // The answer is whole: the same request run start to end on the survivor gives the same text.
        var whole = await site.Client.PostAsJsonAsync("/api/generate", request with { stream = false });
        Assert.Equal(JsonDocument.Parse(await whole.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetString(), streamed.ToString());
    }
}
