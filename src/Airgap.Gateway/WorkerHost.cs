using Airgap.Inference;
using Airgap.Inference.Chat;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Packs;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Airgap.Gateway;

/// <summary>Builds `airgap worker`: this machine's engine over its data home, serving jobs from the gateway's stream.</summary>
public static class WorkerHost
{
    /// <summary>
    /// A host that runs <see cref="JobWorker"/> for <paramref name="models"/> (none named: every active GGUF model in the
    /// registry). Throws <see cref="ArgumentException"/> naming a model this registry does not hold.
    /// </summary>
    public static IHost Build(AirgapHome home, InferenceOptions inference, GatewayOptions gateway, IReadOnlyList<string> models,
        WorkerExtensions? extensions = null)
    {
        NatsAddresses.Parse(gateway.Nats);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("NATS", LogLevel.Warning);
        var registry = new ModelRegistry(home.RegistryPath);
        registry.EnsureUsable();
        var served = Served(registry, models);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => AirgapEngine.Open(home.Root, inference, sp.GetRequiredService<ILoggerFactory>()));
        extensions?.Services(builder.Services);
        builder.Services.AddSingleton<INatsConnection>(sp =>
            new NatsConnection(NatsAddresses.ConnectionOptions(gateway, "airgap-worker", sp.GetRequiredService<ILoggerFactory>())));
        // Repeated deterministic requests (temperature 0, a fixed seed) of the same caller are answered from the cache, as on a server.
        builder.Services.AddHostedService(sp =>
        {
            var engine = sp.GetRequiredService<AirgapEngine>();
            var pipeline = new ChatClientBuilder(new AirgapChatClient(engine.Scheduler));
            if (extensions is not null) pipeline = extensions.Pipeline(pipeline);
            var chat = pipeline.UseResponseCache(engine.Registry).Build(sp);
            return new JobWorker(sp.GetRequiredService<INatsConnection>(), chat, served, inference.Parallel, gateway, TimeProvider.System,
                sp.GetRequiredService<ILogger<JobWorker>>(), Catalog(registry, served));
        });
        return builder.Build();
    }

    private static IReadOnlyList<ServedModel> Catalog(ModelRegistry registry, IReadOnlyList<string> served) =>
        registry.List().Where(v => v.IsActive && served.Contains(v.Name, StringComparer.Ordinal))
            .Select(v => new ServedModel(v.Name, v.Version, v.Digest, v.Size, v.Format, ModelMetadataJson.ReadGguf(v.MetadataJson)?.Architecture ?? "",
                v.ParameterCount, v.Quantization, v.ImportedAt))
            .ToList();

    private static IReadOnlyList<string> Served(ModelRegistry registry, IReadOnlyList<string> named)
    {
        var active = registry.List().Where(v => v.IsActive && v.Format == ModelFormat.Gguf).Select(v => v.Name).ToList();
        if (named.Count == 0)
            return active.Count > 0 ? active : throw new ArgumentException("this data home has no language model to serve: import one, or name models with --models");
        foreach (var name in named)
        {
            var queueModel = JobSubjects.QueueModel(name);
            if (!active.Contains(queueModel, StringComparer.Ordinal))
                throw new ArgumentException($"model '{name}' is not in this worker's registry; registered: {(active.Count == 0 ? "none" : string.Join(", ", active))}");
        }
        return named.Select(JobSubjects.QueueModel).Distinct().ToList();
    }
}
