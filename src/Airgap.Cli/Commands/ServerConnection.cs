using System.CommandLine;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Airgap.Models.Storage;
using Airgap.Server.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>
/// Where a client verb finds the running server and how it proves itself there: the address, the site CA it trusts for
/// an https server, and the client certificate it presents to a server that asks for one (mutual TLS).
/// </summary>
public sealed record ServerConnection(Uri Url, string? CaCertificateFile = null, string? ClientCertificateFile = null,
    string? ClientKeyFile = null, string? PinnedCertificateFile = null)
{
    /// <summary>The TLS settings of a handler for this connection; a file that cannot be read is one line naming it.</summary>
    public SslClientAuthenticationOptions TlsOptions()
    {
        var options = new SslClientAuthenticationOptions();
        if (ClientCertificateFile is not null) options.ClientCertificates = [LoadClientCertificate()];
        var anchors = new X509Certificate2Collection();
        if (CaCertificateFile is not null) anchors.ImportFromPemFile(Readable(CaCertificateFile, "--ca-cert"));
        if (CaCertificateFile is not null && anchors.Count == 0) throw new ArgumentException($"--ca-cert {CaCertificateFile}: no PEM certificate in it");
        var pinned = Pinned();
        if (anchors.Count > 0 || pinned is not null)
            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Trusted(certificate, chain, errors, anchors, pinned);
        return options;
    }

    // The system's roots first. Then the very certificate this machine's own server is configured with, byte for byte (the
    // address may be 127.0.0.1 where the certificate names the host). Then the site CA as the only root of a chain that
    // must name the host and be issued for server authentication (the same CA issues client certificates).
    private static bool Trusted(X509Certificate? presented, X509Chain? sent, SslPolicyErrors errors, X509Certificate2Collection anchors,
        X509Certificate2? pinned)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (presented is null) return false;
        using var certificate = new X509Certificate2(presented);
        if (pinned is not null && certificate.RawDataMemory.Span.SequenceEqual(pinned.RawDataMemory.Span)) return true;
        if (anchors.Count == 0 || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        if (sent is not null)
            foreach (var element in sent.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")); // serverAuth
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // an air-gapped site publishes no revocation lists
        chain.ChainPolicy.DisableCertificateDownloads = true; // and a missing intermediate is never fetched
        return chain.Build(certificate);
    }

    // The local server's own certificate, when this user may read it; the CA and the system's roots still apply without it.
    private X509Certificate2? Pinned()
    {
        if (PinnedCertificateFile is null) return null;
        try
        {
            var pinned = new X509Certificate2Collection();
            pinned.ImportFromPemFile(PinnedCertificateFile);
            return pinned.Count > 0 ? pinned[0] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private X509Certificate2 LoadClientCertificate()
    {
        var certificateFile = Readable(ClientCertificateFile!, "--client-cert");
        try
        {
            using var loaded = ClientKeyFile is null
                ? X509Certificate2.CreateFromPemFile(certificateFile)
                : X509Certificate2.CreateFromPemFile(certificateFile, Readable(ClientKeyFile, "--client-key"));
            if (!loaded.HasPrivateKey) throw new ArgumentException($"--client-cert {ClientCertificateFile}: no private key; give it with --client-key");
            // A PEM key is ephemeral; TLS on Windows needs it in a key store, so hand over a PKCS#12 round trip.
            return X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"--client-cert {ClientCertificateFile}: not a PEM certificate with its key ({e.Message.TrimEnd('.')})");
        }
    }

    private static string Readable(string path, string option) =>
        File.Exists(path) ? path : throw new ArgumentException($"{option} {path}: no such file");
}

/// <summary>The options a client verb takes to reach a server (`--url`, `--ca-cert`, `--client-cert`, `--client-key`), each with its environment variable.</summary>
public sealed class ServerConnectionOptions
{
    public ServerConnectionOptions(string urlDescription)
    {
        Url = new Option<string?>("--url") { Description = urlDescription + "; $AIRGAP_API_KEY is sent as its key" };
    }

    public Option<string?> Url { get; }

    public Option<string?> CaCertificate { get; } = new("--ca-cert")
    {
        Description = "PEM file of the site CA that issued an https server's certificate (default: $AIRGAP_CA_CERT)",
    };

    public Option<string?> ClientCertificate { get; } = new("--client-cert")
    {
        Description = "PEM client certificate for a server that asks for one (default: $AIRGAP_CLIENT_CERT)",
    };

    public Option<string?> ClientKey { get; } = new("--client-key")
    {
        Description = "PEM private key of --client-cert, when not in the same file (default: $AIRGAP_CLIENT_KEY)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(CaCertificate);
        command.Options.Add(ClientCertificate);
        command.Options.Add(ClientKey);
    }

    /// <summary>
    /// The connection the options name. With no --url and no $AIRGAP_URL, the address is the first of the settings' Urls
    /// that a server on this data home would listen on (a wildcard host read as 127.0.0.1), and an https server there is
    /// trusted by the certificate those settings give it; else http://127.0.0.1:8080.
    /// </summary>
    public ServerConnection Resolve(ParseResult parse)
    {
        string? pinned = null;
        var text = parse.GetValue(Url) ?? Variable("AIRGAP_URL");
        if (text is null && Configured(parse) is { } settings)
        {
            text = LocalAddress(settings.Urls);
            pinned = settings.Tls.CertificateFile;
        }
        return new ServerConnection(ServerClient.ServerUrl(text),
            parse.GetValue(CaCertificate) ?? Variable("AIRGAP_CA_CERT"),
            parse.GetValue(ClientCertificate) ?? Variable("AIRGAP_CLIENT_CERT"),
            parse.GetValue(ClientKey) ?? Variable("AIRGAP_CLIENT_KEY"),
            pinned);
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    // Settings that do not load are the server's problem to report; the client falls back to the default address.
    private static AirgapOptions? Configured(ParseResult parse)
    {
        try
        {
            return AirgapConfiguration.Load(AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption)),
                new Dictionary<string, string?>(), new Dictionary<string, string>());
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The first listen address of <paramref name="urls"/> as a client on this machine reaches it.</summary>
    public static string? LocalAddress(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is null ? null : ListenAddresses.ClientAddress(first);
    }
}
