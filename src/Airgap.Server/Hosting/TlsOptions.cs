namespace Airgap.Server.Hosting;

/// <summary>
/// HTTPS with the site's own certificates, and mutual TLS: with a client CA, every client presents a certificate issued
/// by it, and the certificate is the caller (identity `cert:` and its subject's common name), as an API key would be.
/// </summary>
public sealed record TlsOptions
{
    /// <summary>The server's certificate, PEM (it may hold the private key too); needed by any https:// listen address.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The server certificate's private key, PEM, when not in <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The CA (PEM) that issues the clients' certificates; when set, a client without one cannot connect.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary>Common names of client certificates with the admin scope (model changes); others have inference.</summary>
    public List<string> AdminClients { get; init; } = [];

    /// <summary>True when the server listens with a certificate of its own.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificateFile);

    /// <summary>True when clients authenticate with certificates.</summary>
    public bool ClientCertificates => !string.IsNullOrWhiteSpace(ClientCaFile);
}
