using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Airgap.Gateway;

/// <summary>The NATS addresses a gateway or worker connects to: nats://HOST:PORT (or tls://), comma-separated for a cluster.</summary>
public static class NatsAddresses
{
    /// <summary>The addresses, checked; <see cref="ArgumentException"/> names the one that is wrong.</summary>
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("the gateway needs a NATS address: --nats nats://HOST:PORT (setting Gateway:Nats)");
        var addresses = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || string.IsNullOrEmpty(uri.Host)
                || uri.IsDefaultPort || uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0)
                throw new ArgumentException($"'{address}' is not a NATS address: write nats://HOST:PORT (tls://HOST:PORT with TLS), comma-separated for several");
        }
        return addresses;
    }

    /// <summary>Connection settings for a gateway or a worker: every address of the cluster, reconnecting for ever.</summary>
    public static NatsOpts ConnectionOptions(string addresses, string name, ILoggerFactory loggers) => NatsOpts.Default with
    {
        Url = string.Join(',', Parse(addresses)),
        Name = name,
        LoggerFactory = loggers,
        MaxReconnectRetry = -1,
        RetryOnInitialConnect = true,
    };
}
