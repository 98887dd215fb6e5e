using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airgap.Cli.Tests;

/// <summary>`airgap serve` on a free loopback port over the test's home, stopped on dispose.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, string url) => (_process, Url) = (process, url);

    public string Url { get; }

    public static async Task<ServeProcess> StartAsync(AirgapProcess airgap, params string[] args)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var process = Process.Start(airgap.StartInfo(["serve", "--urls", url, .. args]))!;
        var serve = new ServeProcess(process, url);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"airgap serve exited {process.ExitCode} before answering at {url}");
            try
            {
                await http.GetStringAsync("/health");
                return serve;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        await serve.DisposeAsync();
        throw new TimeoutException($"airgap serve did not answer at {url}");
    }

    // Bound and never listening, for the whole test run: a connection to it is refused, and no other server can take it.
    private static readonly Socket Reserved = Reserve();

    /// <summary>A loopback port that refuses connections for as long as the tests run ("no server here").</summary>
    public static int ClosedPort => ((IPEndPoint)Reserved.LocalEndPoint!).Port;

    private static Socket Reserve()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/> (an https server, which /health over http cannot probe).</summary>
    public static async Task ListeningAsync(int port, Process serve)
    {
        for (var i = 0; i < 600; i++)
        {
            if (serve.HasExited) Assert.Fail($"serve exited {serve.ExitCode}: {await serve.StandardError.ReadToEndAsync()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Fail("the https server did not listen within a minute");
    }

    /// <summary>A loopback port nothing listens on now (for a server about to start there).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
