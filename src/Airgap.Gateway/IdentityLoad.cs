using System.Collections.Concurrent;

namespace Airgap.Gateway;

/// <summary>How many requests each caller (API key id) has in flight through this gateway.</summary>
public sealed class IdentityLoad
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new();

    /// <summary>Counts one request of <paramref name="identity"/> until the returned handle is disposed.</summary>
    public IDisposable Enter(string identity)
    {
        _inFlight.AddOrUpdate(identity, 1, (_, n) => n + 1);
        return new Leave(this, identity);
    }

    /// <summary>Callers with requests in flight, and how many each.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() =>
        _inFlight.Where(p => p.Value > 0).OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);

    private void Exit(string identity)
    {
        _inFlight.AddOrUpdate(identity, 0, (_, n) => n - 1);
        _inFlight.TryRemove(new KeyValuePair<string, int>(identity, 0));
    }

    private sealed class Leave(IdentityLoad load, string identity) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) load.Exit(identity);
        }
    }
}
