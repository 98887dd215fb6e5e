using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Airgap.Gateway.Tests;

/// <summary>
/// Real nats-server processes with JetStream (Debian's package; .ci/run installs it) on free loopback ports: one node, or
/// a three-node cluster. Missing, it fails the test with how to install it — never a silent skip.
/// </summary>
public sealed class NatsServer : IDisposable
{
    private readonly List<Node> _nodes;
    private readonly string _dir;

    private NatsServer(List<Node> nodes, string dir)
    {
        _nodes = nodes;
        _dir = dir;
    }

    /// <summary>Every node's client address, comma-separated, as --nats takes them.</summary>
    public string Url => string.Join(',', _nodes.Select(n => $"nats://127.0.0.1:{n.Port}"));

    public int Nodes => _nodes.Count;

    /// <summary>The client addresses of some nodes only (a client that never talks to the node a test kills).</summary>
    public string UrlOf(params int[] nodes) => string.Join(',', nodes.Select(i => $"nats://127.0.0.1:{_nodes[i].Port}"));

    public static Task<NatsServer> StartAsync() => StartAsync(1);

    /// <summary>
    /// Starts <paramref name="count"/> nodes; more than one form a JetStream cluster. With <paramref name="password"/>, clients
    /// must log in as user "airgap".
    /// </summary>
    public static async Task<NatsServer> StartAsync(int count, string? password = null)
    {
        var binary = new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nats-server is not installed: apt-get install -y nats-server (.ci/run installs it when missing)");
        var dir = Directory.CreateTempSubdirectory("airgap-nats-").FullName;
        var ports = Enumerable.Range(0, count).Select(_ => (Client: FreePort(), Cluster: FreePort())).ToList();
        var nodes = new List<Node>();
        var server = new NatsServer(nodes, dir);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var config = Path.Combine(dir, $"n{i}.conf");
                await File.WriteAllTextAsync(config, Config(i, ports, dir) + (password is null ? "" : $"authorization {{ user: airgap, password: \"{password}\" }}\n"));
                nodes.Add(new Node(binary, config, ports[i].Client));
            }
            foreach (var node in nodes) await node.WaitReadyAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Kills node <paramref name="index"/> at once (SIGKILL), as a power cut would.</summary>
    public void Kill(int index) => _nodes[index].Kill();

    public void Dispose()
    {
        foreach (var node in _nodes) node.Kill();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Config(int index, List<(int Client, int Cluster)> ports, string dir)
    {
        var store = Path.Combine(dir, $"store{index}");
        var text = $"server_name: n{index}\nlisten: 127.0.0.1:{ports[index].Client}\nmax_payload: 8MB\njetstream {{ store_dir: \"{store}\" }}\n";
        if (ports.Count == 1) return text;
        var routes = string.Join(", ", ports.Where((_, i) => i != index).Select(p => $"\"nats-route://127.0.0.1:{p.Cluster}\""));
        return text + $"cluster {{ name: airgap, listen: 127.0.0.1:{ports[index].Cluster}, routes: [{routes}] }}\n";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Node
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _log = new();

        public Node(string binary, string config, int port)
        {
            Port = port;
            _process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException($"could not start {binary}");
            _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public int Port { get; }

        public async Task WaitReadyAsync()
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
                    throw new InvalidOperationException($"nats-server did not start on port {Port}: {log}");
                }
            }
        }

        public void Kill()
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(5000);
        }
    }
}
