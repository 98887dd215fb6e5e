namespace Airgap.Inference.Scheduling;

/// <summary>
/// A request's cancellation: its client leaving or its timeout passing, told apart. A watched job leaves its queue
/// the moment either happens, so queue counts and the 503 bound see it gone at once.
/// </summary>
internal sealed class RequestDeadline : IDisposable
{
    // CancellationTokenSource takes at most about 24.8 days; anything longer is no deadline at all.
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;
    private readonly List<CancellationTokenRegistration> _registrations = [];

    public RequestDeadline(TimeSpan timeout, TimeProvider clock, CancellationToken client)
    {
        _deadline = timeout > TimeSpan.Zero && timeout <= Longest
            ? new CancellationTokenSource(timeout, clock)
            : new CancellationTokenSource();
        _linked = CancellationTokenSource.CreateLinkedTokenSource(client, _deadline.Token);
    }

    /// <summary>Cancelled when the client leaves or the deadline passes.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Cancelled only when the deadline passes.</summary>
    public CancellationToken Deadline => _deadline.Token;

    public bool TimedOut => _deadline.IsCancellationRequested;

    /// <summary>Takes <paramref name="job"/> out of the runner's queue and wakes the runner when the request ends early.</summary>
    public void Watch(QueuedJob job, IModelRunner runner) =>
        _registrations.Add(Token.Register(() =>
        {
            runner.Queue.Remove(job);
            runner.Wake();
        }));

    /// <summary>Ends the request (its reader left).</summary>
    public Task CancelAsync() => _linked.CancelAsync();

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _linked.Dispose();
        _deadline.Dispose();
    }
}
