using System.Net;
using System.Net.Sockets;

namespace Airgap.Bench;

/// <summary>Free ports on 127.0.0.1 for the servers the bench starts.</summary>
public static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
