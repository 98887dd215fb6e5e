using System.Runtime.CompilerServices;
using System.Text.Json;
using Airgap.Inference.Chat;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Airgap.Gateway;

/// <summary>
/// The gateway's <see cref="IChatClient"/>: each request becomes a job on JetStream, and the frames its worker sends
/// back become the updates the Ollama, OpenAI and task endpoints stream, exactly as a local engine's would.
/// </summary>
public sealed class GatewayChatClient(INatsConnection nats, GatewayOptions options, TimeSpan requestTimeout, WorkerDirectory workers,
    IdentityLoad load, TimeProvider clock, ILogger<GatewayChatClient> logger) : IChatClient
{
    private readonly NatsJSContext _js = new(nats);
    private readonly JobIds _ids = new(options.IdempotencyWindow, clock);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = chatOptions?.ModelId ?? throw new InvalidRequestException("model", "no model was named");
        var list = messages.ToList();
        if (list.Count == 0) throw new InvalidRequestException("messages", "at least one message is required");
        if (workers.NoneServes(model) is { } served) throw new ModelNotFoundException(JobSubjects.QueueModel(model), served);
        var job = NewJob(model, list, chatOptions);
        var identity = job.Identity;
        using var _ = load.Enter(identity);
        var (attached, finished) = (false, false);
        try
        {
            // Subscribed before the job is queued, so no frame can come before anyone listens.
            await using var replies = await nats.SubscribeCoreAsync<byte[]>(job.Reply, opts: new NatsSubOpts
            {
                ChannelOpts = new NatsSubChannelOpts { Capacity = 8192, FullMode = System.Threading.Channels.BoundedChannelFullMode.DropNewest },
            }, cancellationToken: cancellationToken);
            attached = await PublishAsync(job, cancellationToken);
            var stream = new JobReplyStream(job, workers, job.StartBy - job.Created, attached);
            var waitLimit = job.StartBy;
            while (!finished)
            {
                var frame = await NextFrameAsync(replies, waitLimit, stream, cancellationToken);
                foreach (var update in stream.Accept(frame, out finished))
                    yield return update;
                // Once started, a job is waited for while its worker keeps speaking, and never past its deadline.
                var now = clock.GetUtcNow();
                waitLimit = Min(now + options.AckWait + options.StartTimeout, job.Deadline);
            }
        }
        finally
        {
            // A caller following another's job (same Idempotency-Key) leaving does not cancel it for the first caller.
            if (!attached)
            {
                _ids.Ended(job.Id);
                if (!finished) await CancelAsync(job.Id);
            }
        }
    }

    private GatewayJob NewJob(string model, List<ChatMessage> messages, ChatOptions? chatOptions)
    {
        var now = clock.GetUtcNow();
        var key = chatOptions?.AdditionalProperties?.TryGetValue(AirgapChatProperties.IdempotencyKey, out var given) == true ? given as string : null;
        var content = ChatWire.Messages(messages);
        var settings = ChatWire.Options(chatOptions);
        var id = _ids.Assign(Identity(chatOptions), key, $"{content.GetRawText()}\n{settings?.GetRawText()}");
        var deadline = now + requestTimeout;
        return new GatewayJob
        {
            Id = id,
            Model = model,
            Priority = ChatOptionsMapping.Priority(chatOptions),
            Identity = Identity(chatOptions),
            Created = now,
            // An asynchronous job's caller is not on the line: its job waits durably for a worker until the deadline.
            StartBy = ChatOptionsMapping.IsAsynchronous(chatOptions) ? deadline : Min(now + options.StartTimeout, deadline),
            Deadline = deadline,
            Reply = JobSubjects.Reply(id),
            Messages = content,
            Options = settings,
            Tools = ChatWire.Tools(chatOptions),
        };
    }

    /// <summary>Queues the job; true when its Idempotency-Key names a job already queued, whose frames this caller then follows.</summary>
    private async Task<bool> PublishAsync(GatewayJob job, CancellationToken cancellationToken)
    {
        var subject = JobSubjects.Job(job.Model, job.Priority);
        var body = JsonSerializer.SerializeToUtf8Bytes(job, GatewayJsonContext.Default.GatewayJob);
        // NATS refuses a message over the server's max_payload (1 MB unless configured): say so, not "unreachable".
        if (nats.ServerInfo is { MaxPayload: > 0 } server && body.Length > server.MaxPayload)
            throw new InvalidRequestException("messages", $"the request is {body.Length / 1024} KiB as a job, more than the job queue takes ({server.MaxPayload / 1024} KiB); " +
                "send smaller images, or raise max_payload in nats-server's configuration (docs/gateway.md)");
        PubAckResponse ack;
        try
        {
            ack = await _js.PublishAsync(subject, body, opts: PublishOptions(job.Id), cancellationToken: cancellationToken);
            // Not EnsureSuccess: a duplicate is not an error here, it is the retry the key exists for.
            if (ack.Error is { } error) throw new NatsJSApiException(error);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 503 || e.Error.ErrCode == 10077)
        {
            throw new ModelUnavailableException(job.Model, $"the job queue is full ({options.MaxQueuedJobs} jobs)", TimeSpan.FromSeconds(30));
        }
        catch (NatsNoRespondersException)
        {
            throw new ModelUnavailableException(job.Model, "the job stream is not there (is JetStream on in nats-server?)", TimeSpan.FromSeconds(5));
        }
        catch (NatsException e)
        {
            throw new ModelUnavailableException(job.Model, $"the job queue is unreachable ({e.Message})", TimeSpan.FromSeconds(5));
        }
        logger.LogDebug("Queued job {Job} for {Model} at p{Priority} from {Identity} (duplicate: {Duplicate})", job.Id, job.Model, job.Priority, job.Identity, ack.Duplicate);
        return ack.Duplicate;
    }

    // While a stream's leader is being elected (a node lost, a cluster just formed) JetStream has no responder for a
    // moment: try again for about five seconds; the message id makes a retry that did land count once.
    private static NatsJSPubOpts PublishOptions(string jobId) =>
        new() { MsgId = jobId, RetryAttempts = 10, RetryWaitBetweenAttempts = TimeSpan.FromMilliseconds(500) };

    private async Task<JobFrame> NextFrameAsync(INatsSub<byte[]> replies, DateTimeOffset until, JobReplyStream stream, CancellationToken cancellationToken)
    {
        var wait = until - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero) throw stream.TimedOut();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            var message = await replies.Msgs.ReadAsync(timeout.Token);
            return JsonSerializer.Deserialize(message.Data, GatewayJsonContext.Default.JobFrame)
                ?? throw new RemoteJobException("a worker sent an empty frame");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw stream.TimedOut();
        }
    }

    private async Task CancelAsync(string jobId)
    {
        // NATS may be down: a cancel that cannot go out in two seconds is left (the job's start-by time still ends it).
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await nats.PublishAsync(JobSubjects.Cancel(jobId), Array.Empty<byte>(), cancellationToken: limit.Token);
        }
        catch (Exception e) when (e is NatsException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogDebug(e, "Could not cancel job {Job}", jobId);
        }
    }

    private static string Identity(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(AirgapChatProperties.Identity, out var identity) == true && identity is string text ? text : "anonymous";

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("airgap-gateway", null, null)
        : null;

    public void Dispose() { }
}
