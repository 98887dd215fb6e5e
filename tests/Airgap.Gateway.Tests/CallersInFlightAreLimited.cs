using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airgap.Server.Hosting;

namespace Airgap.Gateway.Tests;

public sealed class CallersInFlightAreLimited
{
    private const string KeyA = "workstation-a-0123456789";
    private const string KeyB = "workstation-b-0123456789";

    [Fact]
    public async Task A_caller_over_its_in_flight_limit_gets_429_at_once_while_another_caller_is_admitted()
    {
        using var nats = await NatsServer.StartAsync();
        // No worker: every generation stays in flight at the gateway until its start timeout.
        await using var site = await GatewaySite.StartAsync(nats, o => o with { StartTimeout = TimeSpan.FromSeconds(15) },
            server: o => o with { ApiKeys = [ApiKey.Parse(KeyA), ApiKey.Parse(KeyB)], Fairness = new FairnessOptions { MaxInFlight = 2 } }, siteKey: KeyA);
        using var leave = new CancellationTokenSource();
        var held = Enumerable.Range(0, 2).Select(_ => site.Client.SendAsync(Generate(KeyA), leave.Token)).ToList();
        await GatewayClient.EventuallyAsync(async () => await InFlightAsync(site, KeyA) == 2, "two requests of A in flight");

        using var refused = await site.Client.SendAsync(Generate(KeyA));
        var other = site.Client.SendAsync(Generate(KeyB), leave.Token);
        await GatewayClient.EventuallyAsync(async () => await InFlightAsync(site, KeyB) == 1, "B's request admitted");

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("at most 2 in flight per caller", error);
        Assert.Contains(ApiKey.Parse(KeyA).Id, error);
        Assert.DoesNotContain(KeyA, error); // the key's id, never the key
        await leave.CancelAsync();
        await GatewayClient.EventuallyAsync(async () => await InFlightAsync(site, KeyA) == 0, "A's requests to end when their caller leaves");
        using var again = new CancellationTokenSource();
        var admitted = site.Client.SendAsync(Generate(KeyA), again.Token);
        await GatewayClient.EventuallyAsync(async () => await InFlightAsync(site, KeyA) == 1, "A admitted again");
        await again.CancelAsync();
        await Task.WhenAll(held.Append(other).Append(admitted).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private static HttpRequestMessage Generate(string key) => new(HttpMethod.Post, "/api/generate")
    {
        Headers = { Authorization = new("Bearer", key) },
        Content = JsonContent.Create(new { model = GatewaySite.Model, prompt = "status?", stream = false }),
    };

    private static async Task<int> InFlightAsync(GatewaySite site, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ps") { Headers = { Authorization = new("Bearer", key) } };
        using var response = await site.Client.SendAsync(request);
        var inFlight = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("gateway").GetProperty("in_flight");
        return inFlight.TryGetProperty(ApiKey.Parse(key).Id, out var count) ? count.GetInt32() : 0;
    }
}
