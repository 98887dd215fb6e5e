using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Airgap.Tests.Shared;

/// <summary>A site CA, a server certificate for 127.0.0.1 and client certificates, made with openssl as a site's IT would.</summary>
public sealed class SiteCertificates : IDisposable
{
    private SiteCertificates(string root) => Root = root;

    public string Root { get; }
    public string CaFile => Path.Combine(Root, "ca.pem");
    public string ServerCertificate => Path.Combine(Root, "server.pem");
    public string ServerKey => Path.Combine(Root, "server.key");

    public static async Task<SiteCertificates> CreateAsync(params string[] clients)
    {
        if (!File.Exists("/usr/bin/openssl")) throw new InvalidOperationException("these tests make their certificates with openssl: apt-get install -y openssl");
        var site = new SiteCertificates(Directory.CreateTempSubdirectory("airgap-tls-").FullName);
        await site.AuthorityAsync("ca", "Plant CA");
        await site.IssueAsync("ca", "server", "airgap-server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        foreach (var client in clients) await site.IssueAsync("ca", client, client, "extendedKeyUsage=clientAuth\n");
        // The same names from an authority the server does not know.
        await site.AuthorityAsync("rogue-ca", "Rogue CA");
        foreach (var client in clients) await site.IssueAsync("rogue-ca", $"rogue-{client}", client, "extendedKeyUsage=clientAuth\n");
        return site;
    }

    /// <summary>Has the site's CA issue FILE.pem and FILE.key for <paramref name="commonName"/> with the given openssl extension lines.</summary>
    public Task IssueAsync(string file, string commonName, string extensions) => IssueAsync("ca", file, commonName, extensions);

    /// <summary>The certificate and key of a client the site's CA issued (or, with "rogue-", another CA).</summary>
    public X509Certificate2 Client(string name) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(Root, $"{name}.pem"), Path.Combine(Root, $"{name}.key"));

    /// <summary>A client that trusts the site's CA for the server and presents <paramref name="certificate"/> when given.</summary>
    public HttpClient HttpClient(string baseAddress, X509Certificate2? certificate = null)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(CaFile);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, server, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return server is not null && chain.Build(server);
            },
        };
        if (certificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(certificate);
        }
        return new HttpClient(handler) { BaseAddress = new Uri(baseAddress) };
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private Task AuthorityAsync(string file, string name) => OpensslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", $"{file}.key", "-out", $"{file}.pem", "-days", "2", "-subj", $"/CN={name}",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");

    private async Task IssueAsync(string authority, string file, string commonName, string extensions)
    {
        await File.WriteAllTextAsync(Path.Combine(Root, $"{file}.ext"), extensions);
        await OpensslAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", $"{file}.key", "-out", $"{file}.csr",
            "-subj", $"/CN={commonName}");
        await OpensslAsync("x509", "-req", "-in", $"{file}.csr", "-CA", $"{authority}.pem", "-CAkey", $"{authority}.key", "-CAcreateserial",
            "-out", $"{file}.pem", "-days", "2", "-extfile", $"{file}.ext");
    }

    private async Task OpensslAsync(params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl") { WorkingDirectory = Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)}: {await error}");
    }
}
