using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Airgap.Cli.Commands;
using Airgap.Tests.Shared;

namespace Airgap.Cli.Tests;

/// <summary>The client verbs reach an https server with the site's CA, present a client certificate, and find the local server from its settings.</summary>
public sealed class ClientVerbsSpeakMutualTls : IAsyncLifetime
{
    private readonly AirgapProcess _airgap = new();
    private SiteCertificates _site = null!;
    private Process? _serve;

    public async Task InitializeAsync() => _site = await SiteCertificates.CreateAsync("line-3");

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            _serve.Kill(entireProcessTree: true);
            await _serve.WaitForExitAsync();
            _serve.Dispose();
        }
        _site.Dispose();
        _airgap.Dispose();
    }

    private string Pem(string name) => Path.Combine(_site.Root, name);

    private async Task<string> ServeAsync(params string[] args)
    {
        var port = ServeProcess.FreePort();
        _serve = Process.Start(_airgap.StartInfo(["serve", .. args.Select(a => a.Replace("PORT", port.ToString()))]))!;
        await ServeProcess.ListeningAsync(port, _serve);
        return $"https://127.0.0.1:{port}";
    }

    [Fact]
    public async Task With_the_site_ca_and_a_client_certificate_ps_answers_and_without_either_it_fails_saying_why()
    {
        var url = await ServeAsync("--urls", "https://127.0.0.1:PORT", "--tls-cert", _site.ServerCertificate, "--tls-key", _site.ServerKey,
            "--client-ca", _site.CaFile);

        var (code, output, error) = await _airgap.RunAsync("ps", "--json", "--url", url, "--ca-cert", _site.CaFile,
            "--client-cert", Pem("line-3.pem"), "--client-key", Pem("line-3.key"));
        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.True(JsonDocument.Parse(output).RootElement.TryGetProperty("models", out _));

        var untrusted = await _airgap.RunAsync("ps", "--url", url, "--client-cert", Pem("line-3.pem"), "--client-key", Pem("line-3.key"));
        Assert.Equal(1, untrusted.Code);
        Assert.Contains("--ca-cert", untrusted.Err);

        var anonymous = await _airgap.RunAsync("ps", "--url", url, "--ca-cert", _site.CaFile);
        Assert.Equal(1, anonymous.Code);
        Assert.Empty(anonymous.Out);
        Assert.Contains("--client-cert", anonymous.Err);

        var rogue = await _airgap.RunAsync("ps", "--url", url, "--ca-cert", _site.CaFile,
            "--client-cert", Pem("rogue-line-3.pem"), "--client-key", Pem("rogue-line-3.key"));
        Assert.Equal(1, rogue.Code);
        Assert.Empty(rogue.Out);
    }

    [Fact]
    public async Task A_certificate_the_site_ca_issued_for_clients_is_not_taken_for_the_server()
    {
        await _site.IssueAsync("impostor", "airgap-server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=clientAuth\n");
        // Kestrel will not present such a certificate (serve refuses it); a bare TLS listener stands in for a rogue machine.
        using var impostor = X509Certificate2.CreateFromPemFile(Pem("impostor.pem"), Pem("impostor.key"));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var handshakes = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(connection.GetStream());
            try { await tls.AuthenticateAsServerAsync(impostor); } catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException) { }
        });
        var url = $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var (code, output, error) = await _airgap.RunAsync("ps", "--url", url, "--ca-cert", _site.CaFile);
        await handshakes.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("TLS handshake failed", error);
    }

    // The settings' address is 127.0.0.1 while the certificate names the plant's host: the pin, not the name, is what holds.
    private async Task<int> ConfigureTheLocalServerAsync()
    {
        await _site.IssueAsync("plant-host", "airgap.plant.local", "subjectAltName=DNS:airgap.plant.local\nextendedKeyUsage=serverAuth\n");
        var port = ServeProcess.FreePort();
        Directory.CreateDirectory(_airgap.Home);
        await File.WriteAllTextAsync(Path.Combine(_airgap.Home, "airgap.json"), JsonSerializer.Serialize(new
        {
            Urls = $"https://127.0.0.1:{port}",
            Tls = new { CertificateFile = Pem("plant-host.pem"), KeyFile = Pem("plant-host.key") },
        }));
        return port;
    }

    [Fact]
    public async Task Without_url_the_verbs_reach_the_server_this_homes_settings_describe_trusting_its_certificate()
    {
        var port = await ConfigureTheLocalServerAsync();
        // The client verbs' own variables are not server settings: exported, they stop neither serve nor the client.
        var start = _airgap.StartInfo("serve");
        start.Environment["AIRGAP_CA_CERT"] = _site.CaFile;
        _serve = Process.Start(start)!;
        await ServeProcess.ListeningAsync(port, _serve);

        var (code, output, error) = await _airgap.RunAsync(null,
            new Dictionary<string, string> { ["AIRGAP_URL"] = "", ["AIRGAP_CA_CERT"] = _site.CaFile }, "ps", "--json");

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.True(JsonDocument.Parse(output).RootElement.TryGetProperty("models", out _));
    }

    [Fact]
    public async Task A_local_server_presenting_another_certificate_than_its_settings_name_is_not_trusted()
    {
        var port = await ConfigureTheLocalServerAsync();
        // The settings name plant-host.pem; this server presents another certificate the client has no CA for.
        _serve = Process.Start(_airgap.StartInfo("serve", "--tls-cert", _site.ServerCertificate, "--tls-key", _site.ServerKey))!;
        await ServeProcess.ListeningAsync(port, _serve);

        var (code, output, error) = await _airgap.RunAsync(null, new Dictionary<string, string> { ["AIRGAP_URL"] = "" }, "ps");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("TLS handshake failed", error);
    }

    [Fact]
    public async Task A_client_certificate_file_that_is_missing_or_keyless_is_one_line()
    {
        var missing = await _airgap.RunAsync("ps", "--url", "https://127.0.0.1:1", "--client-cert", Pem("absent.pem"));
        Assert.Equal(1, missing.Code);
        Assert.Equal($"error: --client-cert {Pem("absent.pem")}: no such file", missing.Err.Trim());

        var noCa = await _airgap.RunAsync("ps", "--url", "https://127.0.0.1:1", "--ca-cert", Pem("absent-ca.pem"));
        Assert.Equal(1, noCa.Code);
        Assert.Equal($"error: --ca-cert {Pem("absent-ca.pem")}: no such file", noCa.Err.Trim());

        var notPem = await _airgap.RunAsync("ps", "--url", "https://127.0.0.1:1", "--ca-cert", Pem("line-3.ext"));
        Assert.Equal(1, notPem.Code);
        Assert.Equal($"error: --ca-cert {Pem("line-3.ext")}: no PEM certificate in it", notPem.Err.Trim());

        var keyless = await _airgap.RunAsync("ps", "--url", "https://127.0.0.1:1", "--client-cert", Pem("line-3.pem"));
        Assert.Equal(1, keyless.Code);
        Assert.StartsWith($"error: --client-cert {Pem("line-3.pem")}: ", keyless.Err.Trim());
        Assert.DoesNotContain('\n', keyless.Err.Trim());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("https://0.0.0.0:8443;http://127.0.0.1:8080", "https://127.0.0.1:8443")]
    [InlineData("http://[::]:9000", "http://127.0.0.1:9000")]
    [InlineData("http://*:9000", "http://127.0.0.1:9000")]
    [InlineData("http://10.0.0.5:8080", "http://10.0.0.5:8080")]
    [InlineData(" ", null)]
    public void A_listen_address_is_read_as_a_client_on_this_machine_reaches_it(string urls, string? expected) =>
        Assert.Equal(expected, ServerConnectionOptions.LocalAddress(urls));
}
