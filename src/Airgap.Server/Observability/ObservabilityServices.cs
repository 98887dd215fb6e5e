using Airgap.Inference.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Observability;

/// <summary>Registers this server's request records and metrics (one set per server, none process-wide).</summary>
public static class ObservabilityServices
{
    public static IServiceCollection AddObservability(this IServiceCollection services)
    {
        services.AddSingleton<RequestRecords>();
        services.AddSingleton<AirgapMetrics>();
        services.AddSingleton<PullImportLog>();
        services.AddSingleton(sp => new ServingGauges(sp.GetRequiredService<AirgapMetrics>(), sp.GetRequiredService<ModelHost>(),
            sp.GetService<Gateway.GatewayStatus>()));
        return services;
    }
}
