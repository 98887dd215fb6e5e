using System.Text.Json;
using Microsoft.Extensions.AI;
using NATS.Client.Core;

namespace Airgap.Gateway;

/// <summary>Publishes one attempt's frames on the job's reply subject, numbered in the order they are sent.</summary>
internal sealed class FrameWriter(INatsConnection nats, GatewayJob job, int attempt, string worker)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _seq;

    public Task StartedAsync(CancellationToken cancellationToken) => SendAsync(FrameKind.Started, null, null, cancellationToken);

    public Task AliveAsync(CancellationToken cancellationToken) => SendAsync(FrameKind.Alive, null, null, cancellationToken);

    public Task UpdateAsync(ChatResponseUpdate update, CancellationToken cancellationToken) =>
        SendAsync(update.FinishReason is null ? FrameKind.Update : FrameKind.Done, ChatWire.Update(update), null, cancellationToken);

    public Task FailedAsync(JobFailure failure, CancellationToken cancellationToken) => SendAsync(FrameKind.Failed, null, failure, cancellationToken);

    private async Task SendAsync(string kind, JsonElement? update, JobFailure? failure, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var frame = new JobFrame { Kind = kind, Seq = _seq++, Attempt = attempt, Worker = worker, Update = update, Failure = failure };
            await nats.PublishAsync(job.Reply, JsonSerializer.SerializeToUtf8Bytes(frame, GatewayJsonContext.Default.JobFrame), cancellationToken: cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
