using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class ServeLogsJsonLinesOnRequest : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task Log_format_json_writes_every_console_entry_as_one_JSON_object_including_the_banner_and_request_lines()
    {
        var port = FreePort();
        using var serve = Process.Start(_airgap.StartInfo("serve", "--urls", $"http://127.0.0.1:{port}", "--log-format", "json"))!;
        var lines = new List<string>();
        var read = Task.Run(async () =>
        {
            while (await serve.StandardOutput.ReadLineAsync() is { } line)
                lock (lines) lines.Add(line);
        });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var answered = false;
            for (var i = 0; i < 300 && !answered; i++)
            {
                try { answered = (await http.GetAsync("/api/tags")).IsSuccessStatusCode; }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.True(answered);
            for (var i = 0; i < 100 && !Logged(lines, "Airgap.Server.Requests"); i++) await Task.Delay(100);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
            await read;
        }

        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var banner = Assert.Single(entries, e => e.GetProperty("State").TryGetProperty("Version", out _));
        Assert.Equal(_airgap.Home, banner.GetProperty("State").GetProperty("Home").GetString());
        var request = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "Airgap.Server.Requests");
        Assert.Equal("/api/tags", request.GetProperty("State").GetProperty("Route").GetString());
        Assert.Equal(200, request.GetProperty("State").GetProperty("Status").GetInt32());
    }

    private static bool Logged(List<string> lines, string category)
    {
        lock (lines) return lines.Any(l => l.Contains($"\"Category\":\"{category}\"", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
