using System.Text.Json;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Airgap.Gateway;

public sealed partial class JobWorker
{
    /// <summary>One delivery of one job: started, updates, done or failed; acked at the end, handed back if the worker stops.</summary>
    private sealed class JobRun(JobWorker worker, INatsJSMsg<byte[]> message)
    {
        private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(10);

        public async Task RunAsync(CancellationToken stoppingToken)
        {
            GatewayJob job;
            try
            {
                job = JsonSerializer.Deserialize(message.Data, GatewayJsonContext.Default.GatewayJob) ?? throw new JsonException("empty job");
            }
            catch (JsonException e)
            {
                worker.LogPoisonJob(message.Subject, e.Message);
                await message.AckTerminateAsync(cancellationToken: stoppingToken);
                return;
            }
            var attempt = (int)(message.Metadata?.NumDelivered ?? 1);
            var frames = new FrameWriter(worker._nats, job, attempt, worker.Id);
            var now = worker._clock.GetUtcNow();
            if (DropReason(job, attempt, now) is { } reason)
            {
                // No one waits for it any more, or it was answered: drop it, and say so in case someone still listens.
                await message.AckAsync(cancellationToken: stoppingToken);
                worker.LogDropped(job.Id, reason);
                return;
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            cancel.CancelAfter(job.Deadline - now);
            if (!worker._running.TryAdd(job.Id, cancel))
            {
                // Handed out again while this worker still runs it (its progress reached JetStream late): the run under way
                // settles it; settling this copy too would ack a job that may yet fail.
                worker.LogDropped(job.Id, "already running here");
                return;
            }
            using var progress = new CancellationTokenSource();
            var heartbeat = KeepAliveAsync(frames, progress.Token);
            try
            {
                await frames.StartedAsync(stoppingToken);
                worker.LogStarted(job.Id, job.Model, job.Priority, attempt);
                var finished = false;
                await foreach (var update in worker._engine.GetStreamingResponseAsync(ChatWire.Messages(job.Messages), ChatWire.Options(job), cancel.Token))
                {
                    await frames.UpdateAsync(update, stoppingToken);
                    finished |= update.FinishReason is not null;
                }
                if (!finished) await frames.UpdateAsync(new Microsoft.Extensions.AI.ChatResponseUpdate { FinishReason = Microsoft.Extensions.AI.ChatFinishReason.Stop }, stoppingToken);
                Interlocked.Increment(ref worker._completed);
                worker._answered.Add(job.Id);
                await SettleAsync(() => message.AckAsync(new AckOpts { DoubleAck = true }, CancellationToken.None));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // This worker is stopping: hand the job back now rather than after the ack wait.
                await SettleAsync(() => message.NakAsync(cancellationToken: CancellationToken.None));
            }
            catch (OperationCanceledException) when (worker._cancelled.Contains(job.Id))
            {
                await SettleAsync(() => message.AckAsync(cancellationToken: CancellationToken.None));
            }
            catch (Exception e)
            {
                var failure = e is OperationCanceledException ? new JobFailure("timeout", "the job ran past its deadline") : JobFailure.From(e);
                worker.LogFailed(job.Id, failure.Message);
                // Answered only once the caller can have heard it; a failure report NATS did not take leaves the job to a rerun.
                if (await SettleAsync(() => new ValueTask(frames.FailedAsync(failure, CancellationToken.None)))) worker._answered.Add(job.Id);
                await SettleAsync(() => message.AckAsync(cancellationToken: CancellationToken.None));
            }
            finally
            {
                await progress.CancelAsync();
                await heartbeat;
                worker._running.TryRemove(job.Id, out _);
            }
        }

        private string? DropReason(GatewayJob job, int attempt, DateTimeOffset now)
        {
            if (worker._cancelled.Contains(job.Id)) return "cancelled";
            if (worker._answered.Contains(job.Id)) return "already answered by this worker (handed out again after a late ack)";
            // Start-by bounds a job's first start only: a rerun after a lost worker has a caller waiting on it until the deadline.
            // Times are the gateway's clock: a worker's may differ by some seconds; a job given up on is cancelled anyway.
            var late = attempt == 1 ? now > job.StartBy + ClockTolerance : now > job.Deadline + ClockTolerance;
            return late ? "no one waits for it any more (past its time by this worker's clock)" : null;
        }

        // An ack or a frame NATS could not take (a node lost mid-job) leaves the job to be handed out again: at least once.
        private async Task<bool> SettleAsync(Func<ValueTask> settle)
        {
            try
            {
                await settle();
                return true;
            }
            catch (Exception e) when (e is NatsException or TimeoutException)
            {
                worker.LogSettleFailed(message.Subject, e.Message);
                return false;
            }
        }

        // While the job runs, JetStream hears that it is in progress and the gateway that its worker is alive.
        private async Task KeepAliveAsync(FrameWriter frames, CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(worker._options.AckWait / 3, worker._clock);
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken))
                {
                    await message.AckProgressAsync(cancellationToken: cancellationToken);
                    await frames.AliveAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is NatsException or TimeoutException)
            {
                worker.LogSettleFailed(message.Subject, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped an unreadable job on {Subject}: {Reason}")]
    private partial void LogPoisonJob(string subject, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped job {Job}: {Reason}")]
    private partial void LogDropped(string job, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} for {Model} at p{Priority} started (attempt {Attempt})")]
    private partial void LogStarted(string job, string model, int priority, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NATS did not take word of a job on {Subject}: {Reason}")]
    private partial void LogSettleFailed(string subject, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} failed: {Reason}")]
    private partial void LogFailed(string job, string reason);
}
