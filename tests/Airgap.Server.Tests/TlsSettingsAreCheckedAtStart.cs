using Airgap.Models.Storage;
using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

/// <summary>TLS settings that cannot work stop `serve` before it listens, in one line naming the setting.</summary>
public sealed class TlsSettingsAreCheckedAtStart : IDisposable
{
    private readonly AirgapHome _home = new(Directory.CreateTempSubdirectory("airgap-tls-settings-").FullName);

    public void Dispose() => Directory.Delete(_home.Root, recursive: true);

    private string Problem(params (string Key, string Value)[] commandLine) =>
        Assert.ThrowsAny<Exception>(() => AirgapConfiguration.Load(_home, commandLine.ToDictionary(c => c.Key, c => (string?)c.Value),
            new Dictionary<string, string>())).Message;

    [Fact]
    public void An_https_address_without_a_certificate_is_refused()
    {
        Assert.Contains("an https:// listen address needs the server's certificate", Problem(("Urls", "https://127.0.0.1:8443")));
    }

    [Fact]
    public void A_certificate_without_an_https_address_is_refused()
    {
        var certificate = Path.Combine(_home.Root, "server.pem");
        File.WriteAllText(certificate, "not used");

        Assert.Contains("no listen address is https://", Problem(("Tls:CertificateFile", certificate)));
    }

    [Fact]
    public void A_certificate_file_that_does_not_exist_is_named()
    {
        var absent = Path.Combine(_home.Root, "absent.pem");

        Assert.Contains($"{absent} does not exist", Problem(("Urls", "https://127.0.0.1:8443"), ("Tls:CertificateFile", absent)));
    }

    [Fact]
    public void A_client_ca_without_a_server_certificate_is_refused()
    {
        var ca = Path.Combine(_home.Root, "ca.pem");
        File.WriteAllText(ca, "not used");

        Assert.Contains("client certificates need HTTPS", Problem(("Tls:ClientCaFile", ca)));
    }

    [Fact]
    public void A_certificate_file_that_is_not_a_certificate_stops_the_build_naming_it()
    {
        var (certificate, key) = (Path.Combine(_home.Root, "server.pem"), Path.Combine(_home.Root, "server.key"));
        File.WriteAllText(certificate, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        File.WriteAllText(key, "garbage");
        var options = new ServerOptions { Urls = "https://127.0.0.1:8443", Tls = new TlsOptions { CertificateFile = certificate, KeyFile = key } };

        var error = Assert.Throws<ArgumentException>(() => AirgapServer.Build(_home, options, new Models.Validation.HeaderValidator()));

        Assert.StartsWith($"Tls:CertificateFile: {certificate}:", error.Message);
    }

    [Fact]
    public async Task A_certificate_not_issued_for_server_authentication_stops_the_build_naming_it()
    {
        using var site = await Airgap.Tests.Shared.SiteCertificates.CreateAsync("line-3");
        var options = new ServerOptions
        {
            Urls = "https://127.0.0.1:8443",
            Tls = new TlsOptions { CertificateFile = Path.Combine(site.Root, "line-3.pem"), KeyFile = Path.Combine(site.Root, "line-3.key") },
        };

        var error = Assert.Throws<ArgumentException>(() => AirgapServer.Build(_home, options, new Models.Validation.HeaderValidator()));

        Assert.EndsWith("it is not issued for server authentication (its extended key usage lacks serverAuth)", error.Message);
    }
}
