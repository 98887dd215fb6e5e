using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Airgap.Server.Tests;

/// <summary>
/// A real Prometheus (Debian's package; .ci/run installs it) on a free loopback port, scraping one target every second
/// with a bearer key, for as long as the test holds it. Missing, it fails the test with how to install it — never a
/// silent skip.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _dir;
    private readonly HttpClient _client;

    private PrometheusServer(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) /metrics every second with <paramref name="key"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(string target, string key)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"prometheus is not installed ({Binary} is missing): apt-get install -y prometheus (.ci/run installs it when missing)");
        var dir = Directory.CreateTempSubdirectory("airgap-prometheus-").FullName;
        var port = LoopbackPort.Free();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: airgap
                scrape_interval: 1s
                authorization:
                  credentials: {key}
                static_configs:
                  - targets: ['{target}']
            """);
        var process = Process.Start(new ProcessStartInfo(Binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
            { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"could not start {Binary}");
        // Its log goes to stderr; drained so a full pipe never blocks it.
        var log = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var prometheus = new PrometheusServer(process, dir, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var ready = await prometheus._client.GetAsync("/-/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return prometheus;
            }
            catch (HttpRequestException) when (!process.HasExited)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var why = process.HasExited ? await log : "not ready in 30 s";
                prometheus.Dispose();
                throw new InvalidOperationException($"prometheus did not start on port {port}: {why}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Evaluates <paramref name="promql"/> now through /api/v1/query; the first sample's value, or null when the result is empty.</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        var body = await _client.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        var result = data.GetProperty("result");
        if (data.GetProperty("resultType").GetString() == "scalar") return Value(result);
        return result.GetArrayLength() == 0 ? null : Value(result[0].GetProperty("value"));
    }

    // A sample is [time, "value"]; Prometheus writes NaN and infinities as text.
    private static double Value(JsonElement sample) =>
        double.Parse(sample[1].GetString()!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _client.Dispose();
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
