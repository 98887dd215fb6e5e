using System.Diagnostics;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Airgap.Models.Storage;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// Loads models on first use and keeps at most <see cref="InferenceOptions.MaxLoadedModels"/> within the memory
/// budget, evicting the least recently used idle one; unloads idle models when their keep_alive runs out.
/// Concurrent first requests for one model load it once; a model that failed to load is refused for a while.
/// </summary>
public sealed class ModelHost : IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly AirgapHome _home;
    private readonly IModelRunnerFactory _factory;
    private readonly InferenceOptions _options;
    private readonly TimeProvider _clock;
    private readonly BlobIntegrity _integrity = new();
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<LoadedModel>> _loading = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset At, string Reason)> _failed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ITimer _expiryTimer;

    public ModelHost(ModelRegistry registry, AirgapHome home, IModelRunnerFactory factory, InferenceOptions options, TimeProvider clock)
    {
        (_registry, _home, _factory, _options, _clock) = (registry, home, factory, options, clock);
        _expiryTimer = clock.CreateTimer(_ => UnloadExpired(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public InferenceOptions Options => _options;

    /// <summary>Loaded models, for /api/ps.</summary>
    public IReadOnlyList<LoadedModel> Loaded
    {
        get { lock (_gate) return _loaded.Values.ToList(); }
    }

    /// <summary>Resolves NAME[:TAG][@VERSION], loads it if needed, and holds it until the lease is disposed.</summary>
    public async Task<ModelLease> AcquireAsync(string reference, TimeSpan? keepAlive, CancellationToken cancellationToken)
    {
        var version = _registry.Resolve(reference);
        var key = version.Reference;
        Task<LoadedModel> loading;
        var loadedNow = false;
        lock (_gate)
        {
            if (_loaded.TryGetValue(key, out var loaded))
            {
                loaded.References++;
                loaded.LastUsed = _clock.GetUtcNow();
                return new ModelLease(this, loaded, keepAlive ?? _options.DefaultKeepAlive, false);
            }
            if (_failed.TryGetValue(key, out var failure) && _clock.GetUtcNow() - failure.At < _options.LoadFailureBackoff)
                throw new ModelLoadException(key, failure.Reason);
            if (!_loading.TryGetValue(key, out loading!))
            {
                // Hashing and the native load block for up to seconds: a thread of their own, not the pool's.
                loading = Task.Factory.StartNew(() => Load(version), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                _loading[key] = loading;
                loadedNow = true;
            }
        }
        var model = await loading.WaitAsync(cancellationToken);
        lock (_gate)
        {
            model.References++;
            model.LastUsed = _clock.GetUtcNow();
        }
        return new ModelLease(this, model, keepAlive ?? _options.DefaultKeepAlive, loadedNow);
    }

    private LoadedModel Load(ModelVersion version)
    {
        var key = version.Reference;
        try
        {
            var path = _home.BlobPath(version.Digest);
            _integrity.Verify(path, version.Digest);
            var bytes = _factory.EstimateBytes(version.MetadataJson, version.Size, _options);
            MakeRoom(bytes, key);
            var started = Stopwatch.StartNew();
            var queue = new PriorityRequestQueue(key, _options.MaxQueue, _clock);
            var runner = _factory.Load(key, path, _options, queue);
            var model = new LoadedModel(version, runner, bytes, started.Elapsed) { LastUsed = _clock.GetUtcNow() };
            lock (_gate)
            {
                _loaded[key] = model;
                _loading.Remove(key);
                _failed.Remove(key);
            }
            return model;
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _loading.Remove(key);
                _failed[key] = (_clock.GetUtcNow(), e.Message);
            }
            throw e as ModelLoadException ?? new ModelLoadException(key, e.Message);
        }
    }

    private long Budget => _options.MemoryBudgetBytes
        ?? Math.Max(0, Hardware.HardwareProfile.Probe(_home.Root).TotalMemoryBytes - 4L * 1024 * 1024 * 1024);

    // Evicts least recently used idle models until the new one fits the count and memory limits.
    private void MakeRoom(long bytes, string key)
    {
        var budget = Budget;
        while (true)
        {
            LoadedModel? victim;
            lock (_gate)
            {
                var used = _loaded.Values.Sum(m => m.MemoryBytes);
                if (_loaded.Count < _options.MaxLoadedModels && used + bytes <= budget) return;
                victim = _loaded.Values.Where(m => m.References == 0).MinBy(m => m.LastUsed);
                if (victim is null)
                {
                    if (_loaded.Count == 0) throw new ModelLoadException(key, $"needs about {bytes / (1 << 20)} MB, more than the memory budget of {budget / (1 << 20)} MB");
                    throw new ModelLoadException(key, "every loaded model is busy and no memory is free; retry when a request finishes");
                }
                _loaded.Remove(victim.Version.Reference);
            }
            victim.Runner.Dispose();
        }
    }

    internal void Release(LoadedModel model, TimeSpan keepAlive)
    {
        lock (_gate)
        {
            model.References--;
            model.LastUsed = _clock.GetUtcNow();
            model.ExpiresAt = keepAlive < TimeSpan.Zero ? null : model.LastUsed + keepAlive;
        }
        if (keepAlive == TimeSpan.Zero) UnloadExpired();
    }

    /// <summary>Unloads a model now if idle (Ollama's keep_alive 0 without a prompt); returns whether it was loaded.</summary>
    public bool Unload(string reference)
    {
        var key = _registry.Resolve(reference).Reference;
        LoadedModel? model;
        lock (_gate)
        {
            if (!_loaded.TryGetValue(key, out model) || model.References > 0) return false;
            _loaded.Remove(key);
        }
        model.Runner.Dispose();
        return true;
    }

    private void UnloadExpired()
    {
        List<LoadedModel> expired;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            expired = _loaded.Values.Where(m => m.References == 0 && m.ExpiresAt is { } at && at <= now).ToList();
            foreach (var m in expired) _loaded.Remove(m.Version.Reference);
        }
        foreach (var m in expired) m.Runner.Dispose();
    }

    public void Dispose()
    {
        _expiryTimer.Dispose();
        List<LoadedModel> all;
        lock (_gate)
        {
            all = _loaded.Values.ToList();
            _loaded.Clear();
        }
        foreach (var m in all) m.Runner.Dispose();
    }
}
