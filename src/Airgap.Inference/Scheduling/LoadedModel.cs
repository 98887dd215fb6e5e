using Airgap.Models.Catalog;

namespace Airgap.Inference.Scheduling;

/// <summary>A model in memory: its runner, who is using it, and when it may be unloaded.</summary>
public sealed class LoadedModel(ModelVersion version, IModelRunner runner, long memoryBytes, TimeSpan loadTime)
{
    public ModelVersion Version { get; } = version;
    public IModelRunner Runner { get; } = runner;
    public long MemoryBytes { get; } = memoryBytes;
    public TimeSpan LoadTime { get; } = loadTime;

    /// <summary>Requests holding a lease; a model in use is never evicted.</summary>
    public int References { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>When an idle model is unloaded; null means never (a negative keep_alive).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>A request's hold on a loaded model; disposing it starts the keep_alive clock.</summary>
public sealed class ModelLease(ModelHost host, LoadedModel model, TimeSpan keepAlive, bool loadedNow) : IDisposable
{
    private int _released;

    public LoadedModel Model { get; } = model;

    /// <summary>True when this request had to load the model (its load time counts as load_duration).</summary>
    public bool LoadedNow { get; } = loadedNow;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) host.Release(Model, keepAlive);
    }
}
