namespace Airgap.Server.Hosting;

/// <summary>
/// Where gRPC is served in the clear. Kestrel refuses HTTP/2 without TLS (prior knowledge, h2c) on an endpoint that also
/// speaks HTTP/1.1 — it answers HTTP_1_1_REQUIRED — so cleartext gRPC needs an HTTP/2-only address of its own. Over
/// HTTPS, HTTP/2 is agreed by ALPN and gRPC answers on the ordinary listen addresses without this.
/// </summary>
public sealed record GrpcOptions
{
    /// <summary>An HTTP/2-only listen address (http://IP:PORT) for gRPC; empty (the default) opens no such port.</summary>
    public string? Url { get; init; }

    /// <summary>True when an HTTP/2-only address is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}
