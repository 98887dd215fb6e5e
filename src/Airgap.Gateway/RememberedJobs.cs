using System.Collections.Concurrent;

namespace Airgap.Gateway;

/// <summary>
/// Ids of jobs remembered for an hour so a worker that takes one again drops it: jobs their callers gave up on, and jobs this
/// worker already answered (a redelivery after a late ack under load must not run the job twice).
/// </summary>
internal sealed class RememberedJobs(TimeProvider clock)
{
    private const int MaxRemembered = 100_000;
    private static readonly TimeSpan Memory = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ids = new();

    public void Add(string id)
    {
        var now = clock.GetUtcNow();
        if (_ids.Count >= MaxRemembered)
            foreach (var old in _ids.Where(p => now - p.Value > Memory).Select(p => p.Key).ToList()) _ids.TryRemove(old, out _);
        if (_ids.Count < MaxRemembered) _ids[id] = now;
    }

    public bool Contains(string id) => _ids.ContainsKey(id);
}
