using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airgap.Cli.Tests;

public sealed class ServeListensBeyondLoopbackOnlyWhenExplicit : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task An_explicit_all_interfaces_address_is_taken_with_the_warning_about_missing_api_keys()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Any, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var serve = Process.Start(_airgap.StartInfo("serve", "--urls", $"http://0.0.0.0:{port}"))!;
        var stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            var warned = false;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (!warned && await serve.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                warned = line.Contains($"Listening on http://0.0.0.0:{port} without API keys", StringComparison.Ordinal);
            Assert.True(warned, "no warning; " + (serve.HasExited ? await stderr : ""));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? health = null;
            for (var i = 0; i < 300 && health is null; i++)
            {
                try { health = await http.GetStringAsync("/health"); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.Contains("\"status\":\"ok\"", health);
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }
}
