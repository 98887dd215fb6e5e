using Airgap.Models.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Jobs;

/// <summary>Adds asynchronous requests to the server: the store in the data home, the replay and the runner.</summary>
public static class JobHosting
{
    /// <summary>Registers the job store (jobs.db in <paramref name="home"/>), the replay, and the runner as a hosted service.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, AirgapHome home, JobOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(new JobStore(Path.Combine(home.Root, JobStore.FileName)));
        services.AddSingleton<JobReplay>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }

    /// <summary>Keeps the rest of the pipeline for replaying jobs; must be the first middleware so a replay passes every later one.</summary>
    public static WebApplication UseJobReplay(this WebApplication app)
    {
        app.Services.GetRequiredService<JobReplay>().Capture(app);
        return app;
    }
}
