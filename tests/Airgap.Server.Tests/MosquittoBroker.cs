using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airgap.Server.Tests;

/// <summary>
/// A real Mosquitto broker (Debian's package; .ci/run installs it) on a free loopback port, for as long as the test
/// holds it. Missing, it fails the test with how to install it — never a silent skip.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private MosquittoBroker(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"mqtt://127.0.0.1:{Port}";

    public static async Task<MosquittoBroker> StartAsync()
    {
        var binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed: apt-get install -y mosquitto (.ci/run installs it when missing)");
        var dir = Directory.CreateTempSubdirectory("airgap-mosquitto-").FullName;
        var port = LoopbackPort.Free();
        var config = Path.Combine(dir, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"could not start {binary}");
        var broker = new MosquittoBroker(process, dir, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return broker;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "no answer in 20 s";
                broker.Dispose();
                throw new InvalidOperationException($"mosquitto did not start on port {port}: {error}");
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
