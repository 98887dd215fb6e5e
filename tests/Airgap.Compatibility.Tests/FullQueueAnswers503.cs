using System.Net;
using System.Text;
using System.Text.Json;
using Airgap.Inference.Scheduling;

namespace Airgap.Compatibility.Tests;

/// <summary>The tiny server with one sequence slot and room for one waiting request.</summary>
public sealed class OneSlotTinyServer : TinyServer
{
    public OneSlotTinyServer() => Inference = new InferenceOptions { ContextLength = 2048, Threads = 2, Parallel = 1, MaxQueue = 1 };
}

public sealed class FullQueueAnswers503(OneSlotTinyServer server) : IClassFixture<OneSlotTinyServer>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task When_the_slot_is_busy_and_the_queue_full_a_request_gets_503_with_retry_after()
    {
        (await server.Http.PostAsync("/api/generate", Json("""{"model":"tiny:test","prompt":"warm up","stream":false,"options":{"num_predict":1}}"""))).EnsureSuccessStatusCode();

        // Greedy without num_predict: the running request fills its 2048-token context (about 0.6 s here).
        var running = new HttpRequestMessage(HttpMethod.Post, "/api/generate") { Content = Json("""{"model":"tiny:test","prompt":"long","options":{"temperature":0}}""") };
        using var first = await server.Http.SendAsync(running, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await first.Content.ReadAsStreamAsync());
        await reader.ReadLineAsync();

        var waiting = server.Http.PostAsync("/api/generate", Json("""{"model":"tiny:test","prompt":"next","stream":false,"options":{"num_predict":2,"temperature":0.5}}"""));
        for (var i = 0; i < 200; i++)
        {
            var ps = JsonDocument.Parse(await server.Http.GetStringAsync("/api/ps")).RootElement.GetProperty("models")[0];
            if (ps.GetProperty("queued").GetInt32() == 1) break;
            await Task.Delay(2);
        }
        var refused = await server.Http.PostAsync("/api/generate", Json("""{"model":"tiny:test","prompt":"one too many","stream":false}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Equal("the queue for model 'tiny:test@1.0.0' is full (1 waiting); retry later", error);
        await reader.ReadToEndAsync();
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode); // the waiting one is served once the slot frees
    }
}
