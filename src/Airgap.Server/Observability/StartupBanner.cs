using Airgap.Models.Catalog;
using Airgap.Models.Storage;
using Airgap.Server.Endpoints;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Observability;

/// <summary>One line at start saying what this server is: version, data home, addresses, models, drop folders, auth.</summary>
public static partial class StartupBanner
{
    public static WebApplication LogStartupBanner(this WebApplication app, AirgapHome home, ServerOptions options)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
            var urls = addresses is { Count: > 0 } ? string.Join(';', addresses) : options.Urls;
            // Only the number: the registry may hold hundreds of versions, /api/tags lists them.
            var models = app.Services.GetRequiredService<ModelRegistry>().List().Count(v => v.IsActive);
            var watch = options.WatchFolders.Count > 0 ? string.Join(';', options.WatchFolders) : "none";
            LogStarted(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Airgap.Server"), ServerVersion.Current, home.Root, urls, models, watch,
                Authentication(app.Services.GetRequiredService<ApiKeyRing>().Current.Count, options.Tls.ClientCertificates));
        });
        return app;
    }

    private static string Authentication(int keys, bool clientCertificates) => (keys, clientCertificates) switch
    {
        (0, false) => "off",
        (0, true) => "off, client certificates on",
        (_, false) => $"on ({keys} keys)",
        _ => $"on ({keys} keys), client certificates on",
    };

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, EventName = "Started",
        Message = "Airgap {Version} serving data home {Home} on {Urls}: {Models} models registered, watching {WatchFolders}, API keys {Auth}")]
    private static partial void LogStarted(ILogger logger, string version, string home, string urls, int models, string watchFolders, string auth);
}
