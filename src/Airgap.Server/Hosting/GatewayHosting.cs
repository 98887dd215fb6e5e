using Airgap.Gateway;
using Airgap.Server.Observability;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Airgap.Server.Hosting;

/// <summary>`serve --gateway`: the chat client becomes a job queue on NATS JetStream, and /api/ps shows the workers.</summary>
public static class GatewayHosting
{
    public static IServiceCollection AddGateway(this IServiceCollection services, GatewayOptions options, TimeSpan requestTimeout)
    {
        NatsAddresses.Parse(options.Nats); // a malformed address is refused at start, in one line
        services.AddSingleton(options);
        services.AddSingleton<INatsConnection>(sp => new NatsConnection(NatsAddresses.ConnectionOptions(options, "airgap-gateway", sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton(sp => new WorkerDirectory(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IdentityLoad>();
        services.AddSingleton<GatewayStatus>();
        services.AddHostedService<GatewayListener>();
        services.AddChatClient(sp => new GatewayChatClient(sp.GetRequiredService<INatsConnection>(), options, requestTimeout,
            sp.GetRequiredService<WorkerDirectory>(), sp.GetRequiredService<IdentityLoad>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GatewayChatClient>>())).UseObservation();
        return services;
    }
}
