using System.Net;
using System.Net.Sockets;

namespace Airgap.Server.Tests;

/// <summary>Ports for servers and brokers the tests start on loopback.</summary>
internal static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
