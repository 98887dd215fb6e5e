using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class CallersAreLimitedOneByOne
{
    private const string KeyA = "workstation-a-0123456789";
    private const string KeyB = "workstation-b-0123456789";
    private const string Generate = """{"model": "tiny:test", "prompt": "status?", "stream": false, "options": {"num_predict": 2}}""";

    [Fact]
    public async Task A_caller_over_its_in_flight_limit_gets_429_at_once_while_another_caller_is_served()
    {
        await using var server = await AssistantServer.StartAsync(server: o => o with
        {
            ApiKeys = [ApiKey.Parse(KeyA), ApiKey.Parse(KeyB)], Fairness = new FairnessOptions { MaxInFlight = 2 },
        });
        // Two requests of A stay in flight: their bodies are still arriving.
        var held = new[] { new HeldBody(Generate), new HeldBody(Generate) };
        var inFlight = held.Select(body => server.Client.SendAsync(Post(KeyA, body))).ToList();
        await Task.WhenAll(held.Select(h => h.Started));

        // The held requests' headers are sent; the server admits them a moment later, so ask until it has (or 30 s: a loaded machine is slow to admit them).
        var refused = await server.Client.SendAsync(Post(KeyA, new StringContent(Generate)));
        for (var deadline = DateTime.UtcNow.AddSeconds(30); refused.StatusCode != (HttpStatusCode)429 && DateTime.UtcNow < deadline;)
        {
            refused.Dispose();
            refused = await server.Client.SendAsync(Post(KeyA, new StringContent(Generate)));
        }
        using var other = await server.Client.SendAsync(Post(KeyB, new StringContent(Generate)));
        using var reading = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/ps") { Headers = { Authorization = new("Bearer", KeyA) } });

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("at most 2 in flight per caller", error);
        Assert.DoesNotContain(KeyA, error); // the key's id, never the key
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);

        foreach (var body in held) body.Release();
        foreach (var response in await Task.WhenAll(inFlight)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var again = await server.Client.SendAsync(Post(KeyA, new StringContent(Generate)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        refused.Dispose();
    }

    [Fact]
    public async Task A_caller_past_its_burst_waits_for_its_rate_and_the_error_is_in_its_APIs_shape()
    {
        await using var server = await AssistantServer.StartAsync(server: o => o with
        {
            ApiKeys = [ApiKey.Parse(KeyA), ApiKey.Parse(KeyB)], Fairness = new FairnessOptions { RequestsPerSecond = 0.2, Burst = 2 },
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await server.Client.SendAsync(Post(KeyA, new StringContent(Generate)));
            statuses.Add(response.StatusCode);
        }
        using var openAi = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Headers = { Authorization = new("Bearer", KeyA) },
            Content = new StringContent("""{"model": "tiny:test", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2}"""),
        });
        using var other = await server.Client.SendAsync(Post(KeyB, new StringContent(Generate)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.Equal((HttpStatusCode)429, openAi.StatusCode);
        Assert.True(openAi.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
        var error = JsonDocument.Parse(await openAi.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("rate_limited", error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static HttpRequestMessage Post(string key, HttpContent body)
    {
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/api/generate") { Headers = { Authorization = new("Bearer", key) }, Content = body };
    }

    /// <summary>A body sent in two parts: the second only when the test releases it, so the request stays in flight.</summary>
    private sealed class HeldBody(string json) : HttpContent
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            await stream.WriteAsync(bytes.AsMemory(0, 1));
            await stream.FlushAsync();
            _started.TrySetResult();
            await _release.Task;
            await stream.WriteAsync(bytes.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
