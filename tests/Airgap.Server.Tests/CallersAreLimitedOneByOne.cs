using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class CallersAreLimitedOneByOne
{
    private const string KeyA = "workstation-a-0123456789";
    private const string KeyB = "workstation-b-0123456789";
    private const string Generate = """{"model": "tiny:test", "prompt": "status?", "stream": false, "options": {"num_predict": 2}}""";

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
}
