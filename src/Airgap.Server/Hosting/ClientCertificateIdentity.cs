using System.Security.Cryptography.X509Certificates;

namespace Airgap.Server.Hosting;

/// <summary>Checks a client certificate against the site's client CA and names the caller it stands for.</summary>
public sealed class ClientCertificateIdentity : IDisposable
{
    private const string Prefix = "cert:";

    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _admins;

    public ClientCertificateIdentity(TlsOptions options)
    {
        _authorities = new X509Certificate2Collection();
        try
        {
            _authorities.ImportFromPemFile(options.ClientCaFile!);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new ArgumentException($"Tls:ClientCaFile: {options.ClientCaFile}: {e.Message}");
        }
        if (_authorities.Count == 0) throw new ArgumentException($"Tls:ClientCaFile: {options.ClientCaFile} holds no certificate");
        _admins = new HashSet<string>(options.AdminClients, StringComparer.Ordinal);
    }

    /// <summary>
    /// True when <paramref name="certificate"/> chains to the client CA (and only to it: the system's roots are not
    /// consulted) and is valid now. Revocation is not checked: an air-gapped site has no CRL or OCSP server to ask.
    /// </summary>
    public bool IsTrusted(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        // A certificate that names its uses must allow client authentication.
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }

    /// <summary>The caller a trusted certificate stands for: `cert:` and its subject's common name.</summary>
    public Caller CallerOf(X509Certificate2 certificate) => Named(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));

    /// <summary>The caller a certificate identity (`cert:CN`) stands for now, for a job it submitted earlier; null for another kind.</summary>
    public Caller? CallerNamed(string identity) => identity.StartsWith(Prefix, StringComparison.Ordinal) ? Named(identity[Prefix.Length..]) : null;

    private Caller Named(string commonName) => new(Prefix + commonName, _admins.Contains(commonName) ? ApiKey.Admin : ApiKey.Inference);

    public void Dispose()
    {
        foreach (var authority in _authorities) authority.Dispose();
    }
}
