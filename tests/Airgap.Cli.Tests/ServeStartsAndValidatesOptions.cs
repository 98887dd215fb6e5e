using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airgap.Cli.Tests;

public sealed class ServeStartsAndValidatesOptions : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task An_out_of_range_option_is_one_line_and_a_non_zero_exit()
    {
        var (code, _, error) = await _airgap.RunAsync("serve", "--parallel", "0");

        Assert.Equal(1, code);
        Assert.Equal("error: command line: '--parallel' must be 1 to 64, got 0", error.Trim());
    }

    [Fact]
    public async Task Serve_answers_health_and_lists_an_imported_model_on_the_given_port()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync());
        var port = FreePort();
        using var serve = Process.Start(_airgap.StartInfo("serve", "--urls", $"http://127.0.0.1:{port}", "--max-loaded", "1", "--max-queue", "4"))!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? health = null;
            for (var i = 0; i < 300 && health is null; i++)
            {
                try { health = await http.GetStringAsync("/health"); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.Contains("\"status\":\"ok\"", health);
            Assert.Contains("tiny:test", await http.GetStringAsync("/api/tags"));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
