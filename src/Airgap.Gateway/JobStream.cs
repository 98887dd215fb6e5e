using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Airgap.Gateway;

/// <summary>The stream AIRGAP_JOBS and its consumers: file storage, a work queue (a job leaves once acked), bounded.</summary>
public static class JobStream
{
    /// <summary>Creates the stream, or brings an existing one to these settings.</summary>
    public static async Task EnsureAsync(INatsJSContext js, GatewayOptions options, CancellationToken cancellationToken)
    {
        var config = new StreamConfig(JobSubjects.Stream, [JobSubjects.AllJobs])
        {
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            NumReplicas = options.Replicas,
            DuplicateWindow = options.IdempotencyWindow,
            MaxMsgs = options.MaxQueuedJobs,
            Discard = StreamConfigDiscard.New,
            // A job's deadline is at most a week away (Inference:RequestTimeout); an older one has no one waiting.
            MaxAge = TimeSpan.FromDays(7),
        };
        await js.CreateOrUpdateStreamAsync(config, cancellationToken);
    }

    /// <summary>
    /// At a worker: creates the stream only when it is missing, so a worker started with other settings never rewrites
    /// the gateway's (its replicas, its bounds).
    /// </summary>
    public static async Task EnsureExistsAsync(INatsJSContext js, GatewayOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await js.GetStreamAsync(JobSubjects.Stream, cancellationToken: cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            await EnsureAsync(js, options, cancellationToken);
        }
    }

    /// <summary>The ten durable pull consumers (one per priority) that every worker of <paramref name="model"/> shares.</summary>
    public static async Task<INatsJSConsumer[]> ConsumersAsync(INatsJSContext js, string model, GatewayOptions options, CancellationToken cancellationToken)
    {
        var consumers = new INatsJSConsumer[JobSubjects.Priorities];
        for (var priority = 0; priority < JobSubjects.Priorities; priority++)
        {
            var name = JobSubjects.Consumer(model, priority);
            consumers[priority] = await js.CreateOrUpdateConsumerAsync(JobSubjects.Stream, new ConsumerConfig(name)
            {
                DurableName = name,
                FilterSubject = JobSubjects.Job(model, priority),
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = options.AckWait,
                MaxDeliver = options.MaxDeliver,
                NumReplicas = options.Replicas,
            }, cancellationToken);
        }
        return consumers;
    }

    /// <summary>Jobs in the stream (waiting, or running and not yet acked) per model and priority.</summary>
    public static async Task<IReadOnlyList<QueueDepth>> DepthAsync(INatsJSContext js, CancellationToken cancellationToken)
    {
        var stream = await js.GetStreamAsync(JobSubjects.Stream, new StreamInfoRequest { SubjectsFilter = JobSubjects.AllJobs }, cancellationToken);
        return (stream.Info.State.Subjects ?? new Dictionary<string, long>())
            .Select(s => (Parsed: JobSubjects.Parse(s.Key), Count: s.Value))
            .Where(s => s.Parsed is not null && s.Count > 0)
            .Select(s => new QueueDepth(s.Parsed!.Value.Model, s.Parsed.Value.Priority, s.Count))
            .OrderBy(d => d.Model, StringComparer.Ordinal).ThenByDescending(d => d.Priority)
            .ToList();
    }
}

/// <summary>How many jobs for a model wait (or run unacked) at one priority.</summary>
public sealed record QueueDepth(string Model, int Priority, long Jobs);
