using System.Diagnostics;
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
    public async Task Without_url_the_verbs_reach_the_server_this_homes_settings_describe_trusting_its_certificate()
    {
        var port = ServeProcess.FreePort();
        Directory.CreateDirectory(_airgap.Home);
        await File.WriteAllTextAsync(Path.Combine(_airgap.Home, "airgap.json"), JsonSerializer.Serialize(new
        {
            Urls = $"https://127.0.0.1:{port}",
            Tls = new { CertificateFile = _site.ServerCertificate, KeyFile = _site.ServerKey },
        }));
        _serve = Process.Start(_airgap.StartInfo("serve"))!;
        await ServeProcess.ListeningAsync(port, _serve);

        var (code, output, error) = await _airgap.RunAsync(null, new Dictionary<string, string> { ["AIRGAP_URL"] = "" }, "ps", "--json");

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.True(JsonDocument.Parse(output).RootElement.TryGetProperty("models", out _));
    }

    [Fact]
    public async Task A_client_certificate_file_that_is_missing_or_keyless_is_one_line()
    {
        var missing = await _airgap.RunAsync("ps", "--url", "https://127.0.0.1:1", "--client-cert", Pem("absent.pem"));
        Assert.Equal(1, missing.Code);
        Assert.Equal($"error: --client-cert {Pem("absent.pem")}: no such file", missing.Err.Trim());

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
