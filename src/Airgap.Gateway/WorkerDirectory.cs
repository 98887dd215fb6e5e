using System.Collections.Concurrent;

namespace Airgap.Gateway;

/// <summary>The workers a gateway has heard from lately: what they serve and how busy they are.</summary>
public sealed class WorkerDirectory(GatewayOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (WorkerHeartbeat Beat, DateTimeOffset Seen)> _workers = new();

    public void Record(WorkerHeartbeat beat) => _workers[beat.Id] = (beat, clock.GetUtcNow());

    /// <summary>Workers heard within three heartbeats, by id.</summary>
    public IReadOnlyList<WorkerHeartbeat> Live()
    {
        var cutoff = clock.GetUtcNow() - 3 * options.HeartbeatInterval;
        foreach (var stale in _workers.Where(w => w.Value.Seen < cutoff).Select(w => w.Key).ToList()) _workers.TryRemove(stale, out _);
        return _workers.Values.Select(w => w.Beat).OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The models live workers serve, one entry per name (the newest version any of them has).</summary>
    public IReadOnlyList<ServedModel> Catalog() =>
        Live().SelectMany(w => w.Catalog).GroupBy(m => m.Name, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(m => m.ImportedAt).First()).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

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
