using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Airgap.Server.Hosting;

/// <summary>Kestrel's HTTPS from the site's PEM files, and client certificates checked against the site's CA.</summary>
public static class ServerTls
{
    /// <summary>Loads the certificate now, so a missing or mismatched file stops `serve` in one line before it listens.</summary>
    public static X509Certificate2 LoadServerCertificate(TlsOptions options)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(options.CertificateFile!, string.IsNullOrWhiteSpace(options.KeyFile) ? null : options.KeyFile);
            if (!certificate.HasPrivateKey) throw new ArgumentException("it has no private key; give Tls:KeyFile (--tls-key)");
            // Kestrel refuses such a certificate when it starts listening, with a stack trace: say it here, in one line.
            if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usages
                && !usages.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(u => u.Value == "1.3.6.1.5.5.7.3.1"))
                throw new ArgumentException("it is not issued for server authentication (its extended key usage lacks serverAuth)");
            // An ephemeral PEM key is not usable by every TLS stack; a PKCS#12 round trip gives a persisted one.
            return OperatingSystem.IsWindows() ? X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null) : certificate;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
        {
            throw new ArgumentException($"Tls:CertificateFile: {options.CertificateFile}: {e.Message}");
        }
    }

    public static void UseTls(this IWebHostBuilder host, TlsOptions options, ClientCertificateIdentity? clients)
    {
        var certificate = LoadServerCertificate(options);
        host.UseKestrelHttpsConfiguration(); // the slim builder leaves HTTPS out unless asked
        host.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = certificate;
            if (clients is null) return;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            // The chain is checked against the site's CA below; an online revocation lookup would only wait on an air gap.
            https.CheckCertificateRevocation = false;
            https.ClientCertificateValidation = (certificate2, _, _) => clients.IsTrusted(certificate2);
        }));
    }
}
