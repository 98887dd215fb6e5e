using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Airgap.Server.Hosting;

namespace Airgap.Bench;

/// <summary>One answer as a workstation saw it: the HTTP status (0: no answer), the wall time, and the server's Retry-After.</summary>
public readonly record struct Reply(int Status, TimeSpan Latency, TimeSpan? RetryAfter);

/// <summary>
/// A simulated workstation: its own API key and its own connections to the gateway (a bounded pool, as a separate machine
/// would have), sending short greedy generations on the tiny model through Ollama's /api/generate.
/// </summary>
public sealed class Workstation : IDisposable
{
    // Every request its own prompt: the response cache never answers one.
    private static int s_seed = 200_000;

    private readonly HttpClient _http;

    public Workstation(int index, Uri gateway, int connections)
    {
        Index = index;
        Secret = SecretFor(index);
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = gateway,
            // Past the gateway's 30 s start timeout: a job no worker starts comes back as the gateway's 503, not as this.
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public int Index { get; }

    /// <summary>Workstation <paramref name="index"/>'s API key (ws-NNN-…): the gateway is given them all before any workstation exists.</summary>
    public static ApiKey KeyFor(int index) => ApiKey.Parse(SecretFor(index));

    private static string SecretFor(int index) => $"ws-{index:000}-simulated-workstation-key";

    /// <summary>The key this workstation presents.</summary>
    public string Secret { get; }

    /// <summary>One non-streamed generation of exactly <paramref name="tokens"/> tokens at <paramref name="priority"/> (null: no X-Priority).</summary>
    public async Task<Reply> GenerateAsync(int? priority, int tokens, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = JsonContent.Create(new
            {
                model = ServedHost.TinyModel, prompt = Prompts.Short(Interlocked.Increment(ref s_seed)), raw = true, stream = false,
                options = new { num_predict = tokens, temperature = 0.0, repeat_penalty = 1.0, ignore_eos = true },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        if (priority is { } p) request.Headers.Add("X-Priority", p.ToString(CultureInfo.InvariantCulture));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new Reply((int)response.StatusCode, Stopwatch.GetElapsedTime(started), response.Headers.RetryAfter?.Delta);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A refused connection or the client's own timeout: counted as no answer, never as a latency.
            return new Reply(0, Stopwatch.GetElapsedTime(started), null);
        }
    }

    public void Dispose() => _http.Dispose();
}
