using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Airgap.Bench;

/// <summary>One streamed generation as the client saw it.</summary>
public sealed record StreamRun(TimeSpan FirstToken, TimeSpan Total, int PromptTokens, int GeneratedTokens, double ServerPromptSeconds, double ServerDecodeSeconds)
{
    /// <summary>Tokens per second between the first and the last streamed token, as the client received them.</summary>
    public double ClientDecodeRate => (GeneratedTokens - 1) / (Total - FirstToken).TotalSeconds;
}

/// <summary>Drives the running server through HTTP (Ollama's /api/generate) the way a client application does.</summary>
public sealed class ServedLoad(HttpClient http, string model)
{
    public async Task<StreamRun> StreamAsync(string prompt, int tokens, List<TimeSpan>? lineTimes = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = JsonContent.Create(new
            {
                model, prompt, raw = true, stream = true,
                // Greedy without penalties: the same per-token work as the raw loop's argmax.
                options = new { num_predict = tokens, temperature = 0.0, repeat_penalty = 1.0, ignore_eos = true },
            }),
        };
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? first = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            first ??= clock.Elapsed;
            lineTimes?.Add(clock.Elapsed);
            var json = JsonDocument.Parse(line).RootElement;
            if (!json.GetProperty("done").GetBoolean()) continue;
            return new StreamRun(first.Value, clock.Elapsed, json.GetProperty("prompt_eval_count").GetInt32(), json.GetProperty("eval_count").GetInt32(),
                json.GetProperty("prompt_eval_duration").GetInt64() / 1e9, json.GetProperty("eval_duration").GetInt64() / 1e9);
        }
        throw new InvalidOperationException("the stream ended without a final line");
    }

    /// <summary>Wall time of one non-streamed greedy generation of exactly <paramref name="tokens"/> tokens.</summary>
    public async Task<TimeSpan> GenerateAsync(string prompt, int tokens)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/api/generate", new
        {
            model, prompt, raw = true, stream = false,
            options = new { num_predict = tokens, temperature = 0.0, repeat_penalty = 1.0, ignore_eos = true },
        });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return clock.Elapsed;
    }

    /// <summary>Wall time of one non-streamed deterministic request, and whether the server said it was a cache hit.</summary>
    public async Task<(TimeSpan Latency, bool Hit)> CachedAsync(string prompt, int tokens)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/api/generate", new
        {
            model, prompt, raw = true, stream = false, options = new { num_predict = tokens, temperature = 0.0 },
        });
        await response.Content.ReadAsByteArrayAsync();
        return (clock.Elapsed, response.Headers.TryGetValues("X-Airgap-Cache", out var v) && v.Single() == "hit");
    }
}
