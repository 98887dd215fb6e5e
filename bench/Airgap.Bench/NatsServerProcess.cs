using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Airgap.Bench;

/// <summary>
/// One nats-server with JetStream (Debian's package) on a free loopback port, its store in a temporary folder, for the
/// gateway figures. Killed and its store deleted on dispose.
/// </summary>
public sealed class NatsServerProcess : IDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

    private readonly Process _process;
    private readonly string _dir;
    private readonly StringBuilder _log = new();

    private NatsServerProcess(Process process, string dir, int port, string command)
    {
        _process = process;
        _dir = dir;
        Port = port;
        Command = command;
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>The command as run, for the record.</summary>
    public string Command { get; }

    /// <summary>The installed nats-server, or null: the caller says how to install it.</summary>
    public static string? Find() => Candidates.FirstOrDefault(File.Exists);

    public static async Task<NatsServerProcess> StartAsync(string binary, string work)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, "nats")).FullName;
        var port = Loopback.FreePort();
        var config = Path.Combine(dir, "nats.conf");
        await File.WriteAllTextAsync(config,
            $"listen: 127.0.0.1:{port}\nmax_payload: 8MB\njetstream {{ store_dir: \"{Path.Combine(dir, "store")}\" }}\n");
        var process = Process.Start(ToolProcess.StartInfo(binary, ["-c", config])) ?? throw new InvalidOperationException($"could not start {binary}");
        var server = new NatsServerProcess(process, dir, port, ToolProcess.Describe(binary, ["-c", "nats.conf"]) + $" (listen 127.0.0.1:{port}, jetstream)");
        try
        {
            await server.WaitReadyAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                string log;
                lock (_log) log = _log.ToString();
                throw new InvalidOperationException($"nats-server did not start on port {Port}:\n{ToolProcess.Tail(log, 2000)}");
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // JetStream may still be closing its files; the bench's work folder is deleted at the end anyway
        }
    }
}
