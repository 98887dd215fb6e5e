using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Airgap.Tests.Egress;

/// <summary>
/// Watches every socket this test process connects and every name it resolves (the runtime's System.Net.Sockets and
/// System.Net.NameResolution events, from the moment the test assembly loads) and keeps those that reach beyond this
/// machine: a connection to an address that is not its own, a lookup of a name that is not (a DNS query leaves it). <see cref="NoSocketLeavesThisMachine"/>
/// checks the list once every other test has run.
/// </summary>
internal sealed class EgressMonitor : EventListener
{
    private static readonly ConcurrentQueue<string> Outside = new();
    private static readonly ConcurrentQueue<EndPoint> Seen = new();
    private static EgressMonitor? _instance;

    /// <summary>The connections made so far to an address outside this machine, as "address (test running then)".</summary>
    public static IReadOnlyList<string> Violations => [.. Outside];

    /// <summary>Every connection seen so far (to prove the monitor sees them at all).</summary>
    public static IReadOnlyList<EndPoint> Connections => [.. Seen];

    [ModuleInitializer]
    internal static void Start() => _instance ??= new EgressMonitor();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name is "System.Net.Sockets" or "System.Net.NameResolution") EnableEvents(source, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "ResolutionStart" && e.Payload is [string name, ..])
        {
            if (!IsThisMachinesName(name)) Outside.Enqueue($"a lookup of {name} at {DateTime.UtcNow:O}, from\n{Stack()}");
            return;
        }
        if (e.EventName != "ConnectStart" || e.Payload is not [string address, ..]) return;
        var endPoint = Parse(address);
        if (endPoint is null) return;
        Seen.Enqueue(endPoint);
        if (!IsThisMachine(endPoint))
            Outside.Enqueue($"{endPoint} at {DateTime.UtcNow:O}, from\n{Stack()}");
    }

    private static string Stack() => string.Join('\n', Environment.StackTrace.Split('\n').Take(24));

    /// <summary>True for names answered without asking a DNS server: localhost, this machine's own name, and address literals.</summary>
    public static bool IsThisMachinesName(string name) =>
        name.Length == 0 || IPAddress.TryParse(name, out _)
        || name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || name.Equals(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase) || name.Equals(Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The endpoint a socket event names ("InterNetwork:16:{0,80,127,0,0,1,…}", port and address after the family, as SocketAddress writes itself); null for Unix sockets.</summary>
    public static EndPoint? Parse(string socketAddress)
    {
        var parts = socketAddress.Split(':', 3);
        if (parts.Length != 3 || !Enum.TryParse<AddressFamily>(parts[0], out var family)) return null;
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)) return null;
        var bytes = parts[2].Trim('{', '}').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(byte.Parse).ToArray();
        // The text leaves out the two bytes of the family, which the constructor writes.
        var address = new SocketAddress(family, bytes.Length + 2);
        bytes.CopyTo(address.Buffer.Span[2..]);
        return new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Create(address);
    }

    /// <summary>True for loopback, the unspecified address, and the addresses of this machine's own interfaces: traffic that never leaves it.</summary>
    public static bool IsThisMachine(EndPoint endPoint)
    {
        if (endPoint is not IPEndPoint ip) return true;
        var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(u => u.Address.Equals(address));
    }
}
