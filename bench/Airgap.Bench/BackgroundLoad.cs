using System.Diagnostics;

namespace Airgap.Bench;

/// <summary>
/// Traffic that runs behind a measured phase (a flood): started, then stopped — no new requests, those in flight
/// given a grace to finish, then cancelled — so nothing of it outlives the phase.
/// </summary>
public sealed class BackgroundLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _abort;
    private readonly Task _running;
    private readonly long _started = Stopwatch.GetTimestamp();

    private BackgroundLoad(Func<CancellationToken, CancellationToken, Task> traffic, CancellationToken cancellationToken)
    {
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        _running = traffic(_stop.Token, _abort.Token);
    }

    /// <summary>From the start until the last of its requests was answered or cancelled (set by <see cref="StopAsync"/>).</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Starts <paramref name="traffic"/>(stop, abort).</summary>
    public static BackgroundLoad Start(Func<CancellationToken, CancellationToken, Task> traffic, CancellationToken cancellationToken) =>
        new(traffic, cancellationToken);

    /// <summary>Stops starting requests; those in flight get <paramref name="grace"/>, then are cancelled.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stop.CancelAsync();
        if (await Task.WhenAny(_running, Task.Delay(grace)) != _running) await _abort.CancelAsync();
        await _running;
        Elapsed = Stopwatch.GetElapsedTime(_started);
    }

    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync();
        await _running;
        _stop.Dispose();
        _abort.Dispose();
    }
}
