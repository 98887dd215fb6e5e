using Airgap.Gateway;
using Airgap.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Airgap.Server.Observability;

/// <summary>
/// A worker's share of the server's metrics — the generations it ran (queue wait, time to first token, tokens/s), the
/// models it has loaded and their memory, its queue — on a Prometheus endpoint of its own (the worker has no HTTP API).
/// </summary>
public static class WorkerMetrics
{
    /// <summary>The extensions that export the worker's metrics at <paramref name="url"/> (http://HOST:PORT; served at /metrics).</summary>
    public static WorkerExtensions At(string url)
    {
        var address = Address(url);
        return new WorkerExtensions(services =>
        {
            services.AddSingleton<RequestRecords>();
            services.AddSingleton<AirgapMetrics>();
            services.AddSingleton(sp => new ServingGauges(sp.GetRequiredService<AirgapMetrics>(), sp.GetRequiredService<AirgapEngine>().Host, null));
            services.AddHostedService(sp => new Endpoint(address, sp.GetRequiredService<AirgapMetrics>(), sp.GetRequiredService<ServingGauges>()));
        }, pipeline => pipeline.UseObservation());
    }

    /// <summary>Checks a metrics address: http://HOST:PORT with an explicit port; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static Uri Address(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "http" && uri.AbsolutePath == "/" && url.Contains($":{uri.Port}", StringComparison.Ordinal)
            ? uri
            : throw new ArgumentException($"Gateway:WorkerMetricsUrl '{url}' is not http://HOST:PORT (the metrics are served at /metrics there)");

    private sealed class Endpoint(Uri address, AirgapMetrics metrics, ServingGauges gauges) : IHostedService
    {
        private KestrelMetricServer? _server;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(gauges); // resolved so that its collect-time callback is registered before the first scrape
            _server = new KestrelMetricServer(address.Host, address.Port, "/metrics", metrics.Registry);
            _server.Start();
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_server is not null) await _server.StopAsync();
        }
    }
}
