using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Airgap.Gateway;

/// <summary>What a gateway shows in /api/ps: its workers, the queue per model and priority, and each caller's load.</summary>
public sealed class GatewayStatus(INatsConnection nats, WorkerDirectory workers, IdentityLoad load)
{
    private readonly NatsJSContext _js = new(nats);

    public async Task<GatewaySnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<QueueDepth> queue;
        string? problem = null;
        try
        {
            queue = await JobStream.DepthAsync(_js, cancellationToken);
        }
        catch (Exception e) when (e is NatsException or NatsJSApiException or TimeoutException)
        {
            queue = [];
            problem = $"the job stream could not be read: {e.Message}";
        }
        return new GatewaySnapshot(workers.Live(), queue, load.Snapshot(), problem);
    }
}

/// <summary>One reading of <see cref="GatewayStatus"/>; <see cref="Problem"/> says why the queue is missing, if it is.</summary>
public sealed record GatewaySnapshot(
    IReadOnlyList<WorkerHeartbeat> Workers,
    IReadOnlyList<QueueDepth> Queue,
    IReadOnlyDictionary<string, int> InFlight,
    string? Problem);
