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

    /// <summary>
    /// Checks a metrics address: http://IP-or-localhost:PORT, as the listen addresses are checked (a host name would listen on
    /// every interface); throws <see cref="ArgumentException"/> saying what is wrong.
    /// </summary>
    public static Uri Address(string url)
    {
        string problem;
        try
        {
            var checkedUrl = Hosting.ListenAddresses.Parse(url, "http://127.0.0.1:9464").Single();
            if (!Hosting.ListenAddresses.IsHttps(checkedUrl) && Uri.TryCreate(checkedUrl, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/")
                return uri;
            problem = "write it as http://HOST:PORT (the metrics are served at /metrics there)";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            problem = e.Message;
        }
        throw new ArgumentException($"Gateway:WorkerMetricsUrl '{url}': {problem}");
    }

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
            if (_server is null) return;
            await _server.StopAsync();
            _server.Dispose();
            _server = null;
        }
    }
}
