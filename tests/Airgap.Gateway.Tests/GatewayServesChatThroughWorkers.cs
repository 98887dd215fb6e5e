using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Airgap.Gateway.Tests;

public sealed class GatewayServesChatThroughWorkers
{
    [Fact]
    public async Task Ollama_and_OpenAI_requests_are_answered_by_a_worker_through_the_job_stream()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);

        var ollama = await site.Client.PostAsJsonAsync("/api/chat", new
        {
            model = GatewaySite.Model, stream = false, messages = new[] { new { role = "user", content = "pump P-101 status?" } },
            options = new { num_predict = 6, temperature = 0, ignore_eos = true },
        });
        Assert.Equal(HttpStatusCode.OK, ollama.StatusCode);
        var answer = JsonDocument.Parse(await ollama.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.GetProperty("done").GetBoolean());
        Assert.Equal("length", answer.GetProperty("done_reason").GetString());
        Assert.Equal(6, answer.GetProperty("eval_count").GetInt32());
        Assert.True(answer.GetProperty("prompt_eval_count").GetInt32() > 0);
        Assert.NotEmpty(answer.GetProperty("message").GetProperty("content").GetString()!);

        var openAi = await site.Client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = GatewaySite.Model, stream = true, max_tokens = 5, temperature = 0, messages = new[] { new { role = "user", content = "hi" } },
            stream_options = new { include_usage = true },
        });
        var events = (await openAi.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        Assert.Equal("data: [DONE]", events[^1]);
        var usage = JsonDocument.Parse(events[^2][6..]).RootElement.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt32());

        var ps = JsonDocument.Parse(await site.Client.GetStringAsync("/api/ps")).RootElement.GetProperty("gateway");
        var worker = Assert.Single(ps.GetProperty("workers").EnumerateArray());
        Assert.Equal(GatewaySite.Model, worker.GetProperty("models")[0].GetString());
        Assert.Empty(ps.GetProperty("queue").EnumerateArray());
    }

    [Fact]
    public async Task A_request_a_worker_refuses_gets_the_same_error_as_from_a_local_server()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);

        var tooLong = await site.Client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = GatewaySite.Model, messages = new[] { new { role = "user", content = string.Join(' ', Enumerable.Repeat("overpressure", 3000)) } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var error = JsonDocument.Parse(await tooLong.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());

        var badSampling = await site.Client.PostAsJsonAsync("/api/generate", new { model = GatewaySite.Model, prompt = "x", stream = false, options = new { temperature = 7 } });
        Assert.Equal(HttpStatusCode.BadRequest, badSampling.StatusCode);
        Assert.Contains("temperature", JsonDocument.Parse(await badSampling.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_request_larger_than_the_queue_takes_is_refused_with_400_naming_the_limit()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);

        // nats-server here takes 8 MB messages (as docs/gateway.md advises); this conversation is about 9 MB.
        var response = await site.Client.PostAsJsonAsync("/api/chat", new
        {
            model = GatewaySite.Model, stream = false, messages = new[] { new { role = "user", content = new string('x', 9 << 20) } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("more than the job queue takes (8192 KiB)", error);
        Assert.Contains("max_payload", error);
    }

    [Fact]
    public async Task A_model_no_live_worker_serves_is_404_at_once_listing_what_they_serve()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);
        await Task.Delay(3 * site.Options.HeartbeatInterval); // until then the gateway may not have heard every worker, and waits

        var response = await site.Client.PostAsJsonAsync("/api/generate", new { model = "qwen3:0.6b", prompt = "hi", stream = false });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, body);
        Assert.Equal("model 'qwen3:0.6b' not found; available: tiny:test", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.Equal(0, await GatewayClient.QueuedAsync(site.Client, 0));
    }
}
