using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Airgap.Bench;

/// <summary>
/// llama-server --parallel 4 on a loopback port, driven through its native /completion endpoint with the same
/// prompts, token counts and greedy sampling as the served streams: the server a llama.cpp user would run instead.
/// </summary>
public sealed class LlamaServerLoad : IAsyncDisposable
{
    /// <summary>Slots, as in the comparison; each gets the served path's context per sequence.</summary>
    public const int Parallel = 4;

    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private LlamaServerLoad(Process process, HttpClient http, string command)
    {
        (_process, Http, Command) = (process, http, command);
    }

    public HttpClient Http { get; }

    public string Command { get; }

    public static async Task<LlamaServerLoad> StartAsync(string serverPath, string model, int threads)
    {
        var port = Loopback.FreePort();
        var args = new[]
        {
            "-m", model, "-t", Number(threads), "-tb", Number(threads), "-ngl", "0", "-np", Number(Parallel),
            "-c", Number(Parallel * ServedHost.ContextLength), "-b", Number(ServedHost.BatchSize), "-ub", Number(ServedHost.BatchSize),
            "--host", "127.0.0.1", "--port", Number(port), "--no-webui",
        };
        var process = Process.Start(ToolProcess.StartInfo(serverPath, args)) ?? throw new InvalidOperationException("could not start llama-server");
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
        var server = new LlamaServerLoad(process, http, ToolProcess.Describe(serverPath, args.Select(a => a == Number(port) ? "PORT" : a)));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>One streamed completion, timed as the client receives it.</summary>
    public async Task<StreamRun> StreamAsync(string prompt, int tokens)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/completion")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["prompt"] = prompt, ["n_predict"] = tokens, ["stream"] = true, ["temperature"] = 0.0,
                ["repeat_penalty"] = 1.0, ["ignore_eos"] = true,
            }),
        };
        var clock = Stopwatch.StartNew();
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        TimeSpan? first = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var json = JsonDocument.Parse(line.AsMemory(6)).RootElement;
            if (json.ValueKind != JsonValueKind.Object) continue;
            var stopped = json.TryGetProperty("stop", out var stop) && stop.GetBoolean();
            // The first token's text, as on the served side (which writes no line for empty text): not a bare
            // "request started" event, which would make llama-server's time to first token look shorter than it is.
            if (stopped || json.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 }) first ??= clock.Elapsed;
            if (!stopped) continue;
            var timings = json.GetProperty("timings");
            return new StreamRun(first ?? clock.Elapsed, clock.Elapsed, timings.GetProperty("prompt_n").GetInt32(), timings.GetProperty("predicted_n").GetInt32(),
                timings.GetProperty("prompt_ms").GetDouble() / 1e3, timings.GetProperty("predicted_ms").GetDouble() / 1e3);
        }
        throw new InvalidOperationException("llama-server's stream ended without a final event");
    }

    private async Task WaitReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited) throw new InvalidOperationException($"llama-server exited with {_process.ExitCode}:\n{LogTail()}");
            try
            {
                // 503 while the model loads, 200 once a slot can take work.
                using var health = await Http.GetAsync("/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"llama-server was not ready within 2 minutes:\n{LogTail()}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > 40) _log.Dequeue();
        }
    }

    private string LogTail()
    {
        lock (_log) return string.Join('\n', _log);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
