using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Airgap.Gateway;

/// <summary>
/// `airgap worker`: takes jobs for its models from JetStream, most urgent first with aging, runs up to
/// <c>parallel</c> at once per model on the local engine, streams each job's updates back, and acks a job only when it
/// is done, so a job whose worker dies is handed to another after the ack wait.
/// </summary>
public sealed partial class JobWorker(INatsConnection nats, IChatClient engine, IReadOnlyList<string> models, int parallel,
    GatewayOptions options, TimeProvider clock, ILogger<JobWorker> logger, IReadOnlyList<ServedModel>? catalog = null) : BackgroundService
{
    // Fields, not captured parameters: the nested JobRun reads them.
    private readonly INatsConnection _nats = nats;
    private readonly IChatClient _engine = engine;
    private readonly GatewayOptions _options = options;
    private readonly TimeProvider _clock = clock;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    private readonly RememberedJobs _cancelled = new(clock);
    private readonly RememberedJobs _answered = new(clock);
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private long _completed;

    /// <summary>This worker's name in heartbeats and frames: host, process and a random suffix.</summary>
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The models served, as their queues name them (family:tag).</summary>
    public IReadOnlyList<string> Models { get; } = models.Select(JobSubjects.QueueModel).Distinct().ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var js = new NatsJSContext(_nats);
        await JobStream.EnsureExistsAsync(js, _options, stoppingToken);
        var consumers = new Dictionary<string, INatsJSConsumer[]>();
        foreach (var model in Models) consumers[model] = await JobStream.ConsumersAsync(js, model, _options, stoppingToken);
        LogServing(Id, string.Join(", ", Models), parallel);
        var tasks = Models.Select(m => ServeModelAsync(m, consumers[m], stoppingToken)).ToList();
        tasks.Add(ListenForCancelsAsync(stoppingToken));
        tasks.Add(HeartbeatAsync(stoppingToken));
        try
        {
            // Every loop runs until the worker stops: one that ends early is a fault, and a worker half running is worse than one stopped.
            var ended = await Task.WhenAny(tasks);
            await ended;
            if (!stoppingToken.IsCancellationRequested) throw new InvalidOperationException("a worker loop ended on its own");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ServeModelAsync(string model, INatsJSConsumer[] consumers, CancellationToken stoppingToken)
    {
        var picker = new PriorityPicker(_options.AgingStep, _clock);
        var levels = new WaitingLevels();
        var sweptAt = _clock.GetUtcNow();
        var slots = new SemaphoreSlim(parallel, parallel);
        var jobs = new List<Task>();
        await using var arrivals = await _nats.SubscribeCoreAsync<byte[]>(JobSubjects.ModelJobs(model), opts: new NatsSubOpts
        {
            ChannelOpts = new NatsSubChannelOpts { Capacity = 4096, FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest },
        }, cancellationToken: stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                // Jobs handed back after a lost worker's ack wait are not published anew: look at every level once a second.
                if (_clock.GetUtcNow() - sweptAt >= TimeSpan.FromSeconds(1))
                {
                    levels.All();
                    sweptAt = _clock.GetUtcNow();
                }
                INatsJSMsg<byte[]>? message;
                try
                {
                    message = await TakeAsync(consumers, picker, Noted(arrivals, levels), stoppingToken);
                }
                catch (Exception e) when (e is NatsException or NatsJSException or TimeoutException)
                {
                    // A NATS node lost, a leader being elected: the jobs are safe in the stream; ask again shortly.
                    slots.Release();
                    LogTakeFailed(model, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }
                if (message is null)
                {
                    slots.Release();
                    await WaitForArrivalAsync(arrivals, levels, stoppingToken);
                    continue;
                }
                jobs.RemoveAll(t => t.IsCompleted);
                jobs.Add(RunAsync(message, slots, stoppingToken));
            }
        }
        finally
        {
            await Task.WhenAll(jobs);
        }
    }

    // A consumer whose leader was on a lost node answers no fetch; without a short expiry the client would wait 30 s.
    private static readonly TimeSpan FetchExpiry = TimeSpan.FromSeconds(1);

    private static async Task<INatsJSMsg<byte[]>?> TakeAsync(INatsJSConsumer[] consumers, PriorityPicker picker, WaitingLevels levels,
        CancellationToken cancellationToken)
    {
        foreach (var priority in picker.Order())
        {
            if (!levels.May(priority))
            {
                picker.Reset(priority); // nothing waits there, so nothing there is aging
                continue;
            }
            var asked = System.Diagnostics.Stopwatch.GetTimestamp();
            await foreach (var message in consumers[priority].FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = FetchExpiry }, cancellationToken: cancellationToken))
            {
                picker.Reset(priority);
                return message;
            }
            // No answer within the expiry (a loaded server, a leader being elected) is not "nothing waits here": taking lower
            // work now could run batch jobs before an urgent one. Look again shortly, this level first.
            if (System.Diagnostics.Stopwatch.GetElapsedTime(asked) >= FetchExpiry * 0.9) return null;
            levels.Empty(priority);
            picker.Reset(priority);
        }
        return null;
    }

    /// <summary>Marks the levels of the jobs published since the last look.</summary>
    private static WaitingLevels Noted(INatsSub<byte[]> arrivals, WaitingLevels levels)
    {
        while (arrivals.Msgs.TryRead(out var arrival)) levels.Arrived(arrival.Subject);
        return levels;
    }

    // A job published for the model wakes the loop at once; the poll catches jobs handed back after a lost worker's ack wait.
    private static async Task WaitForArrivalAsync(INatsSub<byte[]> arrivals, WaitingLevels levels, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await arrivals.Msgs.WaitToReadAsync(poll.Token);
            Noted(arrivals, levels);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            levels.All();
        }
    }

    private async Task RunAsync(INatsJSMsg<byte[]> message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await new JobRun(this, message).RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogJobCrashed(e, message.Subject);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task ListenForCancelsAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _nats.SubscribeAsync<byte[]>(JobSubjects.AllCancels, cancellationToken: stoppingToken))
        {
            var id = message.Subject[(message.Subject.LastIndexOf('.') + 1)..];
            _cancelled.Add(id);
            try
            {
                if (_running.TryGetValue(id, out var running)) await running.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The job ended between the lookup and the cancel: nothing left to stop.
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _clock);
        do
        {
            var beat = new WorkerHeartbeat
            {
                Id = Id, Host = Environment.MachineName, Models = [.. Models], Catalog = [.. catalog ?? []], Parallel = parallel, Running = _running.Count,
                Completed = Interlocked.Read(ref _completed), Started = _startedAt,
            };
            await _nats.PublishAsync(JobSubjects.Heartbeat(Id), JsonSerializer.SerializeToUtf8Bytes(beat, GatewayJsonContext.Default.WorkerHeartbeat),
                cancellationToken: stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} serving {Models} ({Parallel} at once per model)")]
    private partial void LogServing(string worker, string models, int parallel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take a job for {Model} from the stream: {Reason}; trying again")]
    private partial void LogTakeFailed(string model, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A job on {Subject} could not be run")]
    private partial void LogJobCrashed(Exception e, string subject);
}
