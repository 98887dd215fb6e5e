namespace Airgap.Analytics;

/// <summary>
/// The time an assistant gives its model (setting Analytics:ModelTimeout), joined to the caller's cancellation, and
/// able to tell the two apart: a model past its time is a fallback, a caller who left is no one to answer.
/// </summary>
internal sealed class ModelDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public ModelDeadline(TimeSpan timeout, TimeProvider clock, CancellationToken caller)
    {
        Timeout = timeout;
        _timeout = new CancellationTokenSource(timeout, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timeout.Token);
    }

    /// <summary>How long the model was given.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Cancelled when the time is up, when the caller leaves, or when <see cref="Abandon"/> is called.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True once the model's time is up.</summary>
    public bool Expired => _timeout.IsCancellationRequested;

    /// <summary>Stops every call still running under this deadline (the model is gone; asking again is pointless).</summary>
    public void Abandon() => _linked.Cancel();

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
