using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airgap.Cli.Tests;

/// <summary>The command line wins over AIRGAP_* variables, which win over airgap.json, which wins over the defaults.</summary>
public sealed class ServeTakesSettingsInOrderOfPrecedence : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task The_listen_address_comes_from_the_command_line_then_the_environment_then_airgap_json()
    {
        Directory.CreateDirectory(_airgap.Home);
        var (file, environment, commandLine) = (FreePort(), FreePort(), FreePort());
        File.WriteAllText(Path.Combine(_airgap.Home, "airgap.json"), $$"""{ "urls": "http://127.0.0.1:{{file}}", "num_parallel": 2 }""");
        var variables = new Dictionary<string, string> { ["AIRGAP_Urls"] = $"http://127.0.0.1:{environment}", ["AIRGAP_Inference__Parallel"] = "0" };

        Assert.True(await ServesOnAsync(file, new Dictionary<string, string>(), "--parallel", "3"));
        Assert.True(await ServesOnAsync(environment, variables, "--parallel", "3"));
        Assert.True(await ServesOnAsync(commandLine, variables, "--parallel", "3", "--urls", $"http://127.0.0.1:{commandLine}"));
    }

    /// <summary>Starts serve, waits for /health on <paramref name="port"/>, stops it.</summary>
    private async Task<bool> ServesOnAsync(int port, Dictionary<string, string> environment, params string[] args)
    {
        var start = _airgap.StartInfo(["serve", .. args]);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var serve = Process.Start(start)!;
        _ = serve.StandardOutput.ReadToEndAsync();
        var stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            for (var i = 0; i < 300 && !serve.HasExited; i++)
            {
                try
                {
                    return (await http.GetStringAsync("/health")).Contains("\"status\":\"ok\"");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }
            Assert.Fail($"serve did not answer on {port}: {(serve.HasExited ? await stderr : "still starting")}");
            return false;
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
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
