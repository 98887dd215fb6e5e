using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airgap.Analytics;

namespace Airgap.Gateway.Tests;

public sealed class GatewayWithoutWorkersDegrades
{
    [Fact]
    public async Task Chat_for_a_model_no_worker_serves_answers_503_with_Retry_After_and_says_why()
    {
        using var nats = await NatsServer.StartAsync();
        await using var site = await GatewaySite.StartAsync(nats, o => o with { StartTimeout = TimeSpan.FromSeconds(1) });

        var response = await site.Client.PostAsJsonAsync("/api/chat", new
        {
            model = GatewaySite.Model, stream = false, messages = new[] { new { role = "user", content = "hi" } },
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("no worker serves it", error);
        // The caller gave up, so the job is dropped, not left for a worker to run for no one.
        var ps = JsonDocument.Parse(await site.Client.GetStringAsync("/api/ps")).RootElement.GetProperty("gateway");
        Assert.Empty(ps.GetProperty("workers").EnumerateArray());
    }

    [Fact]
    public async Task Log_analysis_answers_from_its_rules_when_no_worker_serves_its_model()
    {
        using var nats = await NatsServer.StartAsync();
        var analytics = new AnalyticsOptions { LogModel = GatewaySite.Model };
        await using var site = await GatewaySite.StartAsync(nats, o => o with { StartTimeout = TimeSpan.FromSeconds(1) }, analytics);

        var response = await site.Client.PostAsJsonAsync("/v1/logs/analyze", new
        {
            text = "2024-03-01 10:00:02 ERROR write /data/b41.csv failed: No space left on device\n2024-03-01 10:00:03 INFO batch 42 started\n",
        });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.All(body.GetProperty("templates").EnumerateArray(),
            t => Assert.Equal("rules", t.GetProperty("analysis").GetProperty("source").GetString()));
        Assert.Contains(body.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("no worker serves it"));
    }
}
