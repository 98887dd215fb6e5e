using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Grpc;

/// <summary>
/// gRPC on this server: the service and its error interceptor, server reflection, and the HTTP/2-only address that
/// cleartext gRPC needs (see <see cref="GrpcOptions"/>). The calls run through the same middleware as every endpoint:
/// API keys, per-caller limits, request records.
/// </summary>
public static class GrpcHosting
{
    /// <summary>The largest request message taken (gRPC's usual default, said here so it is a bound on purpose).</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    public static IServiceCollection AddAirgapGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<GrpcErrorInterceptor>();
            grpc.MaxReceiveMessageSize = MaxRequestBytes;
            // Its catch-all route (/{service}/{method}, any HTTP method) would turn REST's 405s into 404s; an unknown
            // service falls through to the dialect fallback instead, which answers a gRPC call UNIMPLEMENTED.
            grpc.IgnoreUnknownServices = true;
        });
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>Maps the Airgap service and server reflection; with API keys, both need one, as every endpoint that is not a page does.</summary>
    public static IEndpointRouteBuilder MapAirgapGrpc(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<AirgapGrpcService>();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The listen addresses with the gRPC address, if any, after them.</summary>
    public static string WithGrpcAddress(string urls, GrpcOptions options) => options.Enabled ? $"{urls};{options.Url}" : urls;

    /// <summary>Makes the gRPC address, if any, HTTP/2 only; its port is no other listen address's (checked at start).</summary>
    public static void UseGrpcAddress(this IWebHostBuilder host, GrpcOptions options)
    {
        if (!options.Enabled) return;
        // Read when Kestrel binds, after the settings were checked at start.
        host.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (listen.IPEndPoint?.Port == ListenAddresses.Port(options.Url!)) listen.Protocols = HttpProtocols.Http2;
        }));
    }
}
