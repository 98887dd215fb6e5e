using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Airgap.Gateway.Tests;

/// <summary>What tests send to a gateway: Ollama generate requests with a priority, read to the end.</summary>
public static class GatewayClient
{
    /// <summary>A non-streamed /api/generate; returns the answer's text and when it finished.</summary>
    public static async Task<(string Text, DateTime Finished)> GenerateAsync(HttpClient client, string prompt, int priority, int tokens,
        string? idempotencyKey = null)
    {
        using var request = Generate(prompt, priority, tokens, idempotencyKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return (JsonDocument.Parse(body).RootElement.GetProperty("response").GetString()!, DateTime.UtcNow);
    }

    /// <summary>The greedy, non-streamed /api/generate request <see cref="GenerateAsync"/> sends.</summary>
    public static HttpRequestMessage Generate(string prompt, int priority, int tokens, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = JsonContent.Create(new { model = GatewaySite.Model, prompt, stream = false, options = new { num_predict = tokens, temperature = 0 } }),
        };
        request.Headers.Add("X-Priority", priority.ToString());
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>Jobs the gateway's /api/ps counts in the stream for tiny:test at <paramref name="priority"/>.</summary>
    public static async Task<long> QueuedAsync(HttpClient client, int priority)
    {
        var queue = JsonDocument.Parse(await client.GetStringAsync("/api/ps")).RootElement.GetProperty("gateway").GetProperty("queue");
        return queue.EnumerateArray().Where(q => q.GetProperty("priority").GetInt32() == priority).Sum(q => q.GetProperty("jobs").GetInt64());
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <paramref name="limit"/> (a minute).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {(limit ?? TimeSpan.FromMinutes(1)).TotalSeconds} s for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Reads an NDJSON stream's lines, appending each "response" piece.</summary>
    public static async Task<JsonElement?> ReadLinesAsync(StreamReader reader, StringBuilder text, int? most = null)
    {
        JsonElement? last = null;
        for (var n = 0; most is null || n < most; n++)
        {
            var line = await reader.ReadLineAsync();
            if (line is null) break;
            if (line.Length == 0) continue;
            var json = JsonDocument.Parse(line).RootElement;
            Assert.False(json.TryGetProperty("error", out var error), $"the stream ended with an error: {error}");
            text.Append(json.GetProperty("response").GetString());
            last = json;
            if (json.GetProperty("done").GetBoolean()) break;
        }
        return last;
    }
}
