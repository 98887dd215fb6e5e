using System.Net;
using System.Net.Http.Headers;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class PrometheusScrapesTheServer
{
    private const string Key = "prometheus-scraper-0123456789";
    private const string Generate = """{"model": "tiny:test", "prompt": "status?", "stream": false, "options": {"num_predict": 3}}""";

    [Fact]
    public async Task A_real_Prometheus_scrapes_with_a_key_and_computes_the_95th_percentile_time_to_first_token()
    {
        await using var server = await AssistantServer.StartAsync(server: o => o with { ApiKeys = [ApiKey.Parse(Key)] });
        using var prometheus = await PrometheusServer.StartAsync(server.Client.BaseAddress!.Authority, Key);
        await WaitForAsync(prometheus, """up{job="airgap"}""", v => v == 1, "the server to be scraped");

        // While it scrapes, so the histogram's buckets grow between two samples and rate() sees them.
        for (var i = 0; i < 4; i++)
        {
            using var response = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/generate")
            {
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) },
                Content = new StringContent(Generate, System.Text.Encoding.UTF8, "application/json"),
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(500);
        }

        var p95 = await WaitForAsync(prometheus,
            "histogram_quantile(0.95, sum by (le) (rate(airgap_time_to_first_token_seconds_bucket[1m])))",
            v => double.IsFinite(v) && v > 0, "a finite positive 95th percentile");
        Assert.InRange(p95, 0.0001, 120);
        await WaitForAsync(prometheus, """sum(airgap_requests_total{route="/api/generate",status="200"})""", v => v == 4,
            "the 4 generations counted (a scrape a second behind may still say 3)");
    }

    private static async Task<double> WaitForAsync(PrometheusServer prometheus, string promql, Func<double, bool> good, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        double? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await prometheus.QueryAsync(promql);
            if (last is { } value && good(value)) return value;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"Prometheus never gave {what} for {promql} in 60 s; last: {last?.ToString() ?? "no result"}");
    }
}
