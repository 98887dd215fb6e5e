using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Airgap.Gateway.Tests;

public sealed class GatewayMetricsCountWorkersAnswers
{
    [Fact]
    public async Task A_request_a_worker_answered_is_in_the_gateways_metrics_and_request_list_with_its_figures()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        await site.StartWorkerAsync();
        await site.WaitForWorkersAsync(1);

        var response = await site.Client.PostAsJsonAsync("/api/chat", new
        {
            model = GatewaySite.Model, stream = false, messages = new[] { new { role = "user", content = "pump P-101 status?" } },
            options = new { num_predict = 3, ignore_eos = true },
        });
        // The client may read the last byte just before the gateway finishes the request's record; the list is written
        // after the metrics, so once the request is listed both are there.
        JsonElement requests = default;
        for (var i = 0; i < 200; i++)
        {
            requests = JsonDocument.Parse(await site.Client.GetStringAsync("/api/airgap/requests")).RootElement.GetProperty("requests");
            if (requests.EnumerateArray().Any(r => r.GetProperty("route").GetString() == "/api/chat")) break;
            await Task.Delay(50);
        }
        var metrics = await site.Client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chat = requests.EnumerateArray().Single(r => r.GetProperty("route").GetString() == "/api/chat");
        var model = chat.GetProperty("model").GetString();
        Assert.StartsWith(GatewaySite.Model, model);
        Assert.Equal(3, chat.GetProperty("generated_tokens").GetInt32());
        Assert.True(chat.GetProperty("ttft_ms").GetDouble() > 0);
        Assert.Contains($$"""airgap_requests_total{route="/api/chat",model="{{model}}",status="200"} 1""", metrics);
        Assert.Contains($$"""airgap_time_to_first_token_seconds_count{model="{{model}}",priority="0"} 1""", metrics);
        Assert.Contains("airgap_models_loaded 0", metrics); // the gateway loads none; its workers do
    }

    [Fact]
    public async Task A_worker_with_a_metrics_address_exports_the_generations_it_ran_and_the_model_it_loaded()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats);
        var address = $"http://127.0.0.1:{GatewaySite.FreePort()}";
        await site.StartWorkerAsync(extensions: Server.Observability.WorkerMetrics.At(address));
        await site.WaitForWorkersAsync(1);

        var response = await site.Client.PostAsJsonAsync("/api/generate", new
        {
            model = GatewaySite.Model, stream = false, prompt = "pump P-101 status?", options = new { num_predict = 4, ignore_eos = true },
        });
        using var scrape = new HttpClient();
        var metrics = await scrape.GetStringAsync(address + "/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("airgap_models_loaded 1", metrics);
        Assert.Matches(@"airgap_model_memory_bytes\{model=""tiny:test@1\.0\.0""\} [1-9]", metrics);
        Assert.Matches(@"airgap_generation_tokens_per_second_count\{model=""tiny:test[^""]*"",priority=""0""\} 1\b", metrics);
        Assert.Matches(@"airgap_queue_wait_seconds_count\{model=""tiny:test[^""]*"",priority=""0""\} 1\b", metrics);
    }

    [Theory]
    [InlineData("127.0.0.1:9464")]
    [InlineData("https://127.0.0.1:9464")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:9464/metrics")]
    [InlineData("http://box1.plant:9464")]
    [InlineData("http://127.0.0.1:9464;http://127.0.0.1:9465")]
    public void A_metrics_address_that_is_not_http_host_port_is_refused_naming_the_setting(string url) =>
        Assert.StartsWith("Gateway:WorkerMetricsUrl", Assert.Throws<ArgumentException>(() => Server.Observability.WorkerMetrics.Address(url)).Message);
}
