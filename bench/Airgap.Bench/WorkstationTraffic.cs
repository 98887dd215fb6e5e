using System.Diagnostics;

namespace Airgap.Bench;

/// <summary>
/// How the simulated workstations send: at a steady pace, keeping a share in flight and backing off as told, or
/// flooding. Each loop stops starting requests when <c>stop</c> fires; <c>abort</c> cancels the ones in flight.
/// </summary>
public static class WorkstationTraffic
{
    /// <summary>One request at a time, one every <paramref name="period"/> (the next at once when an answer took longer).</summary>
    public static async Task PacedAsync(Workstation station, int? priority, int tokens, TimeSpan period, Tally tally,
        CancellationToken stop, CancellationToken abort)
    {
        try
        {
            // A random phase: the senders' requests spread over the period instead of arriving together.
            await Task.Delay(period * Random.Shared.NextDouble(), stop);
            var next = Stopwatch.GetTimestamp();
            var step = (long)(period.TotalSeconds * Stopwatch.Frequency);
            while (!stop.IsCancellationRequested)
            {
                tally.Add(await station.GenerateAsync(priority, tokens, abort));
                next += step;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                // Late: no burst to catch up, the pace starts again from now.
                if (wait > TimeSpan.Zero) await Task.Delay(wait, stop);
                else next = Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested || abort.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// <paramref name="inFlight"/> requests at all times, as a well-behaved client does: after a 429 or 503 it waits the
    /// server's Retry-After (1 s when none is given) before that request is sent again.
    /// </summary>
    public static Task KeepInFlightAsync(Workstation station, int? priority, int tokens, int inFlight, Tally tally,
        CancellationToken stop, CancellationToken abort) =>
        Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var reply = await station.GenerateAsync(priority, tokens, abort);
                    tally.Add(reply);
                    if (reply.Status != 200) await Task.Delay(reply.RetryAfter ?? TimeSpan.FromSeconds(1), stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested || abort.IsCancellationRequested)
            {
            }
        }));

    /// <summary><paramref name="concurrency"/> requests at all times, each sent again the moment it is answered, 429 or not.</summary>
    public static Task FloodAsync(Workstation station, int? priority, int tokens, int concurrency, Tally tally,
        CancellationToken stop, CancellationToken abort) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var reply = await station.GenerateAsync(priority, tokens, abort);
                    tally.Add(reply);
                    // Only a connection that could not be made waits: a spin on a refused socket measures nothing.
                    if (reply.Status == 0) await Task.Delay(100, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested || abort.IsCancellationRequested)
            {
            }
        }));
}
