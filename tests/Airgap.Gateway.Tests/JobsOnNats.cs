using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Airgap.Gateway.Tests;

/// <summary>
/// A gateway's chat client and in-process <see cref="JobWorker"/>s on a real nats-server, each with its own connection, so
/// a test can lose a worker (its connection gone, nothing handed back) as a power cut would.
/// </summary>
internal sealed class JobsOnNats : IAsyncDisposable
{
    public const string Model = "tiny";

    private readonly NatsServer _nats;
    private readonly NatsConnection _gateway;
    private readonly List<(JobWorker Worker, NatsConnection Connection)> _workers = [];

    private JobsOnNats(NatsServer nats, NatsConnection gateway, GatewayOptions options)
    {
        _nats = nats;
        _gateway = gateway;
        Options = options;
        Workers = new WorkerDirectory(options, TimeProvider.System);
    }

    public GatewayOptions Options { get; }
    public WorkerDirectory Workers { get; }
    public IdentityLoad Load { get; } = new();

    public static async Task<JobsOnNats> StartAsync(GatewayOptions options)
    {
        var nats = await NatsServer.StartAsync();
        var gateway = await ConnectAsync(nats, "gateway");
        var site = new JobsOnNats(nats, gateway, options with { Nats = nats.Url });
        await JobStream.EnsureAsync(new NatsJSContext(gateway), site.Options, CancellationToken.None);
        return site;
    }

    /// <summary>A gateway chat client; <paramref name="options"/> over the site's, for a caller with other waits.</summary>
    public GatewayChatClient Client(Func<GatewayOptions, GatewayOptions>? options = null) =>
        new(_gateway, options is null ? Options : options(Options), TimeSpan.FromMinutes(1), Workers, Load, TimeProvider.System,
            NullLogger<GatewayChatClient>.Instance);

    /// <summary>The gateway's own connection, to watch subjects as the gateway would.</summary>
    public NatsConnection Connection => _gateway;

    /// <summary>Puts <paramref name="job"/> on the stream as one more message, as the gateway would, under its own message id.</summary>
    public async Task PublishAsync(GatewayJob job, string messageId)
    {
        var ack = await new NatsJSContext(_gateway).PublishAsync(JobSubjects.Job(job.Model, job.Priority),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(job, GatewayJsonContext.Default.GatewayJob), opts: new NatsJSPubOpts { MsgId = messageId });
        ack.EnsureSuccess();
    }

    /// <summary>How many jobs the stream still holds (acked ones leave a work queue).</summary>
    public async Task<long> StreamMessagesAsync() =>
        (await new NatsJSContext(_gateway).GetStreamAsync(JobSubjects.Stream)).Info.State.Messages;

    /// <summary>A worker serving <see cref="Model"/> on <paramref name="engine"/>, started and heard from.</summary>
    public async Task<NatsConnection> StartWorkerAsync(IChatClient engine)
    {
        var connection = await ConnectAsync(_nats, $"worker{_workers.Count}");
        var worker = new JobWorker(connection, engine, [Model], 1, Options, TimeProvider.System, NullLogger<JobWorker>.Instance);
        await using var beats = await _gateway.SubscribeCoreAsync<byte[]>(JobSubjects.Heartbeat(worker.Id));
        await worker.StartAsync(CancellationToken.None);
        _workers.Add((worker, connection));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await beats.Msgs.ReadAsync(timeout.Token); // its first heartbeat comes once its consumers exist
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (worker, connection) in _workers)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await worker.StopAsync(stop.Token);
            worker.Dispose();
            await connection.DisposeAsync();
        }
        await _gateway.DisposeAsync();
        _nats.Dispose();
    }

    private static async Task<NatsConnection> ConnectAsync(NatsServer nats, string name)
    {
        var connection = new NatsConnection(NatsAddresses.ConnectionOptions(new GatewayOptions { Nats = nats.Url }, name, NullLoggerFactory.Instance));
        await connection.ConnectAsync();
        return connection;
    }
}
