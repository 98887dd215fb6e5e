using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Airgap.Gateway;

/// <summary>
/// Job ids at a gateway. Without an Idempotency-Key, random. With one, a digest of the caller, the key and the request,
/// so a retry while the first is still in flight names the same job (JetStream queues it once and the retry follows
/// it); a retry after that job ended — answered, given up on, or its caller gone — gets a fresh id and runs again,
/// instead of following a job that will never speak.
/// </summary>
internal sealed class JobIds(TimeSpan memory, TimeProvider clock)
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, string> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>The id for a request of <paramref name="identity"/> under <paramref name="key"/>; <paramref name="request"/> is its content.</summary>
    public string Assign(string identity, string? key, string request)
    {
        if (key is null) return New();
        var keyed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}\n{key}\n{request}")))[..32];
        if (_live.TryGetValue(keyed, out var live)) return live;
        var id = _used.ContainsKey(keyed) ? $"{keyed}-{New()[..8]}" : keyed;
        _live.TryAdd(keyed, id);
        Remember(keyed);
        return _live[keyed];
    }

    /// <summary>The job <paramref name="id"/> ended at this gateway (its caller has its answer, or has gone).</summary>
    public void Ended(string id)
    {
        var keyed = id.Length > 32 ? id[..32] : id;
        _live.TryRemove(new KeyValuePair<string, string>(keyed, id));
    }

    private void Remember(string keyed)
    {
        var now = clock.GetUtcNow();
        if (_used.Count >= MaxRemembered)
            foreach (var old in _used.Where(p => now - p.Value > memory).Select(p => p.Key).ToList()) _used.TryRemove(old, out _);
        _used[keyed] = now;
    }
}
