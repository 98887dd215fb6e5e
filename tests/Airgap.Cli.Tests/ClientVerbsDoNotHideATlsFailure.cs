using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Airgap.Cli.Tests;

/// <summary>
/// A server that answers with a certificate the client does not trust is there: `airgap run` says so and fails,
/// instead of taking it for "no server" and quietly running the model in process.
/// </summary>
public sealed class ClientVerbsDoNotHideATlsFailure : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task Run_against_an_untrusted_https_server_fails_naming_the_handshake()
    {
        var (certificate, key) = SelfSigned();
        var port = ServeProcess.FreePort();
        using var serve = Process.Start(_airgap.StartInfo("serve", "--urls", $"https://127.0.0.1:{port}", "--tls-cert", certificate, "--tls-key", key))!;
        try
        {
            await ServeProcess.ListeningAsync(port, serve);

            var (code, output, error) = await _airgap.RunAsync("run", "tiny:test", "hello", "--url", $"https://127.0.0.1:{port}");

            Assert.Equal(1, code);
            Assert.Empty(output);
            Assert.Contains("TLS handshake failed", error);
            Assert.DoesNotContain("in process", error);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private (string Certificate, string Key) SelfSigned()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=untrusted-airgap", ecdsa, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var (certificatePath, keyPath) = (Path.Combine(_airgap.Root, "server.pem"), Path.Combine(_airgap.Root, "server.key"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, ecdsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
