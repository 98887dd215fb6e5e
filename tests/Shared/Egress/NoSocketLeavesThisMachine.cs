using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Airgap.Tests.Egress;

/// <summary>Runs after every other test of the assembly: it has no parallel peers, and <see cref="EgressCheckRunsLast"/> orders it last.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EgressCheckCollection
{
    public const string Name = "zz egress check, after every other test";
}

[Collection(EgressCheckCollection.Name)]
public sealed class NoSocketLeavesThisMachine
{
    [Fact]
    public async Task No_test_in_this_assembly_opened_a_socket_to_another_machine()
    {
        // The monitor must see connections at all, or an empty list would prove nothing.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using (var client = new TcpClient()) await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        Assert.Contains(EgressMonitor.Connections, e => e is IPEndPoint ip && ip.Port == ((IPEndPoint)listener.LocalEndpoint).Port);

        Assert.True(EgressMonitor.Violations.Count == 0,
            $"{EgressMonitor.Violations.Count} socket(s) were opened to another machine:\n{string.Join("\n\n", EgressMonitor.Violations)}");
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("registry.npmjs.org", false)]
    [InlineData("nats.plant.example", false)]
    public void A_name_counts_as_this_machines_only_when_no_dns_server_is_asked(string name, bool local) =>
        Assert.Equal(local, EgressMonitor.IsThisMachinesName(name));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("192.0.2.7", false)]
    [InlineData("2001:db8::7", false)]
    [InlineData("::ffff:198.51.100.1", false)]
    public void An_address_counts_as_this_machine_only_when_it_is(string address, bool local)
    {
        var written = new IPEndPoint(IPAddress.Parse(address), 443).Serialize().ToString();

        var parsed = EgressMonitor.Parse(written);

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), 443), parsed);
        Assert.Equal(local, EgressMonitor.IsThisMachine(parsed!));
    }
}
