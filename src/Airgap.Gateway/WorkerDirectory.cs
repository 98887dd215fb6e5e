using System.Collections.Concurrent;

namespace Airgap.Gateway;

/// <summary>The workers a gateway has heard from lately: what they serve and how busy they are.</summary>
public sealed class WorkerDirectory(GatewayOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (WorkerHeartbeat Beat, DateTimeOffset Seen)> _workers = new();
    private readonly DateTimeOffset _since = clock.GetUtcNow();

    public void Record(WorkerHeartbeat beat) => _workers[beat.Id] = (beat, clock.GetUtcNow());

    /// <summary>Workers heard within three heartbeats, by id.</summary>
    public IReadOnlyList<WorkerHeartbeat> Live() => HeardWithin(3 * options.HeartbeatInterval);

    private List<WorkerHeartbeat> HeardWithin(TimeSpan window)
    {
        var now = clock.GetUtcNow();
        foreach (var gone in _workers.Where(w => now - w.Value.Seen > TimeSpan.FromHours(1)).Select(w => w.Key).ToList()) _workers.TryRemove(gone, out _);
        return _workers.Values.Where(w => now - w.Seen <= window).Select(w => w.Beat).OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The models live workers serve, one entry per name (the newest version any of them has).</summary>
    public IReadOnlyList<ServedModel> Catalog() =>
        Live().SelectMany(w => w.Catalog).GroupBy(m => m.Name, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(m => m.ImportedAt).First()).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The models served instead when workers are up and none serves <paramref name="model"/> (a name no one can answer:
    /// a 404 now, not a job left in the stream); null when one serves it, when none is up (it may come back), or in the
    /// first three heartbeats after start (not every worker has been heard yet).
    /// </summary>
    public IReadOnlyList<string>? NoneServes(string model)
    {
        if (clock.GetUtcNow() - _since < 3 * options.HeartbeatInterval) return null;
        // A worker late with its heartbeat (a loaded box) still counts here for a while: a wrong 404 is worse than a wait.
        var live = HeardWithin(TimeSpan.FromTicks(Math.Max(10 * options.HeartbeatInterval.Ticks, TimeSpan.FromSeconds(30).Ticks)));
        var queueModel = JobSubjects.QueueModel(model);
        if (live.Count == 0 || live.Any(w => w.Models.Contains(queueModel, StringComparer.Ordinal))) return null;
        return live.SelectMany(w => w.Models).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Why a job for <paramref name="model"/> may not have started, in a few words.</summary>
    public string Describe(string model)
    {
        var queueModel = JobSubjects.QueueModel(model);
        var serving = Live().Where(w => w.Models.Contains(queueModel, StringComparer.Ordinal)).ToList();
        return serving.Count switch
        {
            0 => "no worker serves it",
            _ => $"{serving.Count} worker(s) serve it, running {serving.Sum(w => w.Running)} of {serving.Sum(w => w.Parallel)} slots",
        };
    }
}
