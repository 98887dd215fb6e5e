using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Airgap.Gateway;

/// <summary>At a gateway: makes sure the job stream exists, then keeps the worker directory current from heartbeats.</summary>
public sealed partial class GatewayListener(INatsConnection nats, GatewayOptions options, WorkerDirectory workers, ILogger<GatewayListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await EnsureStreamAsync(stoppingToken);
        await foreach (var message in nats.SubscribeAsync<byte[]>(JobSubjects.AllHeartbeats, cancellationToken: stoppingToken))
        {
            try
            {
                if (message.Data is { } data && JsonSerializer.Deserialize(data, GatewayJsonContext.Default.WorkerHeartbeat) is { } beat)
                    workers.Record(beat);
            }
            catch (JsonException e)
            {
                LogBadHeartbeat(message.Subject, e.Message);
            }
        }
    }

    // NATS may come up after the gateway: keep trying, saying why, rather than fail the whole server.
    private async Task EnsureStreamAsync(CancellationToken stoppingToken)
    {
        var js = new NatsJSContext(nats);
        for (var wait = TimeSpan.FromSeconds(1); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                await JobStream.EnsureAsync(js, options, stoppingToken);
                LogReady(options.Nats, JobSubjects.Stream, options.Replicas);
                return;
            }
            catch (Exception e) when (e is NatsException or NatsJSApiException or TimeoutException)
            {
                LogNotReady(options.Nats, e.Message, wait.TotalSeconds);
                await Task.Delay(wait, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway on NATS {Nats}: stream {Stream} ready ({Replicas} replica(s))")]
    private partial void LogReady(string nats, string stream, int replicas);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway cannot set up the job stream on NATS {Nats}: {Reason}; trying again in {Seconds} s")]
    private partial void LogNotReady(string nats, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable heartbeat on {Subject}: {Reason}")]
    private partial void LogBadHeartbeat(string subject, string reason);
}
