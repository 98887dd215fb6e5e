using System.Threading.Channels;

namespace Airgap.Analytics.Anomaly;

/// <summary>
/// Hands every alert to every listener (an SSE client, the MQTT publisher). Each listener has its own bounded
/// queue; a listener that stops reading loses its oldest alerts, never slows the detectors.
/// </summary>
public sealed class AlertBroadcaster
{
    private const int QueuePerListener = 1024;
    private readonly Lock _gate = new();
    private readonly List<Channel<AnomalyAlert>> _listeners = [];

    public void Publish(AnomalyAlert alert)
    {
        lock (_gate)
            foreach (var listener in _listeners) listener.Writer.TryWrite(alert);
    }

    /// <summary>Alerts published from now on, until <paramref name="cancellationToken"/> ends the subscription.</summary>
    public async IAsyncEnumerable<AnomalyAlert> Subscribe([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<AnomalyAlert>(new BoundedChannelOptions(QueuePerListener) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate) _listeners.Add(channel);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                while (channel.Reader.TryRead(out var alert)) yield return alert;
        }
        finally
        {
            lock (_gate) _listeners.Remove(channel);
        }
    }

    /// <summary>Listeners subscribed now.</summary>
    public int Listeners
    {
        get { lock (_gate) return _listeners.Count; }
    }
}
