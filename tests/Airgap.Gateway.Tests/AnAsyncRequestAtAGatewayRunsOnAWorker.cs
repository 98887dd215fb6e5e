using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Airgap.Gateway.Tests;

public sealed class AnAsyncRequestAtAGatewayRunsOnAWorker
{
    [Fact]
    public async Task Prefer_respond_async_at_a_gateway_is_a_job_whose_replay_is_answered_by_a_worker_through_the_job_stream()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = new StringContent($$$"""{"model":"{{{GatewaySite.Model}}}","messages":[{"role":"user","content":"pump P-101 status?"}],"options":{"num_predict":6}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Prefer", "respond-async");
        using var accepted = await site.Client.SendAsync(request);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement job;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        do
        {
            await Task.Delay(100);
            job = await site.Client.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}");
        }
        while (job.GetProperty("status").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("done", job.GetProperty("status").GetString());
        var result = job.GetProperty("result");
        Assert.True(result.GetProperty("done").GetBoolean());
        // Sampled from random weights: the answer may end at an end-of-text token before its six.
        Assert.InRange(result.GetProperty("eval_count").GetInt32(), 1, 6);
        Assert.NotEmpty(result.GetProperty("message").GetProperty("content").GetString()!);
    }
}
