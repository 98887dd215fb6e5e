using Airgap.Models.Catalog;

namespace Airgap.Inference.Scheduling;

/// <summary>A model in memory, keyed by its blob's digest: its runner, who is using it, and when it may be unloaded.</summary>
public sealed class LoadedModel(ModelVersion version, IModelRunner runner, long memoryBytes, TimeSpan loadTime)
{
    /// <summary>The version that loaded it (another name with the same digest shares this instance).</summary>
    public ModelVersion Version { get; } = version;
    public IModelRunner Runner { get; } = runner;
    public long MemoryBytes { get; } = memoryBytes;
    public TimeSpan LoadTime { get; } = loadTime;

    /// <summary>Requests holding a lease; a model in use is never evicted.</summary>
    public int References { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>When an idle model is unloaded; null means never (a negative keep_alive).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Deleted or asked to unload while in use: no new request gets it, and it unloads when its last lease ends.</summary>
    public bool Retiring { get; set; }
}

/// <summary>A request's hold on a loaded model; disposing it starts the keep_alive clock.</summary>
public sealed class ModelLease : IDisposable
{
    private readonly ModelHost _host;
    private readonly TimeSpan _keepAlive;
    private int _released;

    internal ModelLease(ModelHost host, LoadedModel model, ModelVersion version, TimeSpan keepAlive, bool loadedNow)
    {
        (_host, Model, Version, _keepAlive, LoadedNow) = (host, model, version, keepAlive, loadedNow);
    }

    public LoadedModel Model { get; }

    /// <summary>The registered version the request named (its name is what the wire reports).</summary>
    public ModelVersion Version { get; }

    /// <summary>True when this request waited for the model to load (its load time counts as load_duration).</summary>
    public bool LoadedNow { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _host.Release(Model, _keepAlive);
    }
}
