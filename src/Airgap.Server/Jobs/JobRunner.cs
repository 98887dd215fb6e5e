using System.Collections.Concurrent;
using System.Text;
using Airgap.Inference.Scheduling;
using Airgap.Server.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airgap.Server.Jobs;

/// <summary>
/// Runs stored jobs once the server has started: at most Jobs:Parallel at a time, the next one taken by
/// <see cref="JobStore.ClaimNext"/> (priority with aging, then age). A job interrupted by a stopping server is queued
/// again; one left running by a process that died runs again on the next start, up to <see cref="MaxAttempts"/> starts.
/// Expired results are swept on the same loop.
/// </summary>
public sealed partial class JobRunner(JobStore store, JobReplay replay, JobOptions options, InferenceOptions inference, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<JobRunner> logger) : BackgroundService
{
    /// <summary>Starts of one job that may end with the process dying before it is given up as failed.</summary>
    public const int MaxAttempts = 3;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    /// <summary>Asks the loop to look for queued jobs now (a job was stored, or a slot freed).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <summary>Stops the job if it is running here (its store row already says why).</summary>
    public void Stop(string id)
    {
        if (_running.TryGetValue(id, out var cancel)) cancel.Cancel();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The replay needs the built pipeline, which exists once the server has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        // Shutting down begins with ApplicationStopping, before this service is asked to stop: either interrupts a job.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        Recover();
        var parallel = options.EffectiveParallel(inference.Parallel);
        using var slots = new SemaphoreSlim(parallel);
        var jobs = new List<Task>();
        var sweepEvery = TimeSpan.FromTicks(Math.Clamp(options.ResultRetention.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        var nextSweep = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            jobs.RemoveAll(t => t.IsCompleted);
            var now = clock.GetUtcNow();
            if (now >= nextSweep)
            {
                Sweep(now);
                nextSweep = now + sweepEvery;
            }
            if (slots.CurrentCount > 0 && TryClaim(now) is { } job)
            {
                await slots.WaitAsync(stopping.Token);
                jobs.Add(RunAsync(job, slots, stopping.Token));
                continue;
            }
            try
            {
                await _wake.WaitAsync(sweepEvery, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(jobs);
    }

    private async Task RunAsync(JobRequest job, SemaphoreSlim slots, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[job.Id] = cancel;
        try
        {
            await Task.Yield(); // the loop goes on to fill the other slots while this job runs
            JobOutcome outcome;
            try
            {
                outcome = await replay.RunAsync(job, cancel.Token);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                // The pipeline's own fallback answers every endpoint failure; this is a failure outside it.
                var error = ApiErrors.Classify(e);
                LogReplayFailed(e, job.Id);
                outcome = new JobOutcome(error.Status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(DialectFallback.Body(job.Path, error)));
            }
            if (stopping.IsCancellationRequested)
            {
                // Whatever it answered while the server stopped (cancelled, shutting down) is not its answer: run it again.
                store.Requeue(job.Id, refund: true);
                LogInterrupted(job.Id);
                return;
            }
            if (cancel.IsCancellationRequested) return; // cancelled by its caller: the store says so already
            var status = outcome.Status < 400 ? JobStatus.Done : JobStatus.Failed;
            if (store.Finish(job.Id, status, outcome.Status, outcome.ContentType, outcome.Body, clock.GetUtcNow()))
                LogFinished(job.Id, job.Path, status, outcome.Status);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            if (stopping.IsCancellationRequested)
            {
                store.Requeue(job.Id, refund: true);
                LogInterrupted(job.Id);
            }
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
            slots.Release();
            Wake();
        }
    }

    // Jobs still marked running were running when the last process ended without stopping them: it died.
    private void Recover()
    {
        foreach (var (id, path, attempts) in store.Interrupted())
        {
            if (attempts < MaxAttempts)
            {
                store.Requeue(id, refund: false);
                LogRequeued(id, attempts);
                continue;
            }
            var error = new ApiErrors.Classified(500, $"the server stopped without finishing this job {attempts} times; it is not run again",
                "server_error", null, "job_interrupted", null);
            store.Finish(id, JobStatus.Failed, error.Status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(DialectFallback.Body(path, error)),
                clock.GetUtcNow());
            LogGivenUp(id, attempts);
        }
    }

    private JobRequest? TryClaim(DateTimeOffset now)
    {
        try
        {
            return store.ClaimNext(now, options.AgingInterval);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogStoreFailed(e); // a locked or full disk is not the end of the server: tried again on the next round
            return null;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        try
        {
            store.Sweep(now, options.ResultRetention);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            LogStoreFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Id} ({Path}) {Status} with HTTP {HttpStatus}")]
    private partial void LogFinished(string id, string path, string status, int httpStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Id} was interrupted by the server stopping; it runs again on the next start")]
    private partial void LogInterrupted(string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Id} was running when the server last stopped ({Attempts} starts); it runs again")]
    private partial void LogRequeued(string id, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Id} was running each of the {Attempts} times the server died; it is marked failed")]
    private partial void LogGivenUp(string id, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Id} failed outside its endpoint")]
    private partial void LogReplayFailed(Exception e, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job store could not be read or written; tried again later")]
    private partial void LogStoreFailed(Exception e);
}
