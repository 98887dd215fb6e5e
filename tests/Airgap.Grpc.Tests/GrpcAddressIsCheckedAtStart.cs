using Airgap.Models.Storage;
using Airgap.Server.Hosting;

namespace Airgap.Grpc.Tests;

public sealed class GrpcAddressIsCheckedAtStart : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("airgap-grpc-settings-").FullName;

    [Theory]
    [InlineData("http://127.0.0.1:8080", "port 8080 is a listen address (Urls) already")]
    [InlineData("http://grpc.local:8081", "the host must be an IP address, localhost or *")]
    [InlineData("http://127.0.0.1", "it needs an explicit port")]
    [InlineData("https://127.0.0.1:8443", "needs the server's certificate")]
    [InlineData("http://127.0.0.1:8081;http://127.0.0.1:8082", "is one address, not a list")]
    public void A_grpc_address_that_cannot_work_stops_serve_naming_the_option(string url, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => Load(url));

        Assert.StartsWith("command line: '--grpc-url' is refused:", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_grpc_address_on_a_port_of_its_own_is_taken_and_off_is_the_default()
    {
        Assert.Equal("http://127.0.0.1:8081", Load("http://127.0.0.1:8081").Grpc.Url);
        Assert.False(Load(null).Grpc.Enabled);
    }

    [Fact]
    public void Beside_tls_a_cleartext_grpc_address_may_only_be_loopback()
    {
        var certificate = Path.Combine(_root, "server.pem");
        File.WriteAllText(certificate, "checked when the server is built");
        (string, string?)[] tls = [("Urls", "https://127.0.0.1:8443"), ("Tls:CertificateFile", certificate)];

        var e = Assert.Throws<ArgumentException>(() => Load("http://0.0.0.0:8081", tls));

        Assert.Contains("gRPC in the clear may listen on loopback only", e.Message);
        Assert.Equal("http://127.0.0.1:8081", Load("http://127.0.0.1:8081", tls).Grpc.Url);
    }

    private ServerOptions Load(string? url, params (string Key, string? Value)[] settings)
    {
        var commandLine = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Urls"] = "http://127.0.0.1:8080" };
        foreach (var (key, value) in settings) commandLine[key] = value;
        if (url is not null) commandLine["Grpc:Url"] = url;
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            { ["Urls"] = "--urls", ["Grpc:Url"] = "--grpc-url", ["Tls:CertificateFile"] = "--tls-cert" };
        return AirgapConfiguration.Load(new AirgapHome(Path.Combine(_root, "home")), commandLine, names).ToServerOptions();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
