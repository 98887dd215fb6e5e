using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Airgap.Gateway;

/// <summary>The NATS addresses a gateway or worker connects to: nats://HOST:PORT (or tls://), comma-separated for a cluster.</summary>
public static class NatsAddresses
{
    /// <summary>The addresses, checked; <see cref="ArgumentException"/> names the one that is wrong.</summary>
    public static IReadOnlyList<string> Parse(string? text)
    {
        var addresses = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0) throw new ArgumentException("the gateway needs a NATS address: --nats nats://HOST:PORT (setting Gateway:Nats)");
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || string.IsNullOrEmpty(uri.Host)
                || uri.IsDefaultPort || uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0)
                throw new ArgumentException($"'{address}' is not a NATS address: write nats://HOST:PORT (tls://HOST:PORT with TLS), comma-separated for several");
        }
        return addresses;
    }

    /// <summary>
    /// Connection settings for a gateway or a worker: every address of the cluster, reconnecting for ever, with the
    /// credentials and CA of <paramref name="options"/> (a file named that is missing is refused here, in one line).
    /// </summary>
    public static NatsOpts ConnectionOptions(GatewayOptions options, string name, ILoggerFactory loggers)
    {
        foreach (var file in new[] { options.NatsCredsFile, options.NatsCaFile }.OfType<string>())
        {
            if (!File.Exists(file)) throw new ArgumentException($"{file}: no such file (settings Gateway:NatsCredsFile, Gateway:NatsCaFile)");
        }
        return NatsOpts.Default with
        {
            Url = string.Join(',', Parse(options.Nats)),
            Name = name,
            LoggerFactory = loggers,
            MaxReconnectRetry = -1,
            RetryOnInitialConnect = true,
            AuthOpts = NatsAuthOpts.Default with { Username = options.NatsUser, Password = options.NatsPassword, CredsFile = options.NatsCredsFile },
            TlsOpts = options.NatsCaFile is { } ca ? NatsTlsOpts.Default with { CaFile = ca } : NatsTlsOpts.Default,
        };
    }
}
