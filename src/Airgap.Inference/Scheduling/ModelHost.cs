using System.Diagnostics;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Airgap.Models.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// Loads models on first use, one at a time on its own loader thread, and keeps at most
/// <see cref="InferenceOptions.MaxLoadedModels"/> within the memory budget, evicting the least recently used idle one.
/// Loaded instances are keyed by blob digest (with the projector's, for a vision model); a deleted or replaced model
/// unloads once its last request ends.
/// A request that finds every loaded model busy waits for one to go idle (counted against the queue bound); only a
/// real load failure is remembered and refused for a while.
/// </summary>
public sealed class ModelHost : IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly AirgapHome _home;
    private readonly IModelRunnerFactory _factory;
    private readonly InferenceOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly BlobIntegrity _integrity = new();
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal);
    private readonly List<PendingLoad> _pending = [];
    private readonly List<LoadedModel> _retiring = [];
    private readonly Dictionary<string, (DateTimeOffset At, ModelLoadException Error)> _failed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly AutoResetEvent _loaderWake = new(false);
    private readonly Thread _loader;
    private readonly ITimer _expiryTimer;
    private bool _stopping;
    private long _verifyFailures;

    public ModelHost(ModelRegistry registry, AirgapHome home, IModelRunnerFactory factory, InferenceOptions options, TimeProvider clock,
        ILogger<ModelHost>? logger = null)
    {
        (_registry, _home, _factory, _options, _clock) = (registry, home, factory, options, clock);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        // Hashing and the native load block for seconds: one thread of their own, so loads never overlap.
        // They live as long as the host, which the first request may create: they must not carry that request's context
        // (its audit actor, its activity) for the process's life.
        using (ExecutionContext.SuppressFlow())
        {
            _loader = new Thread(LoadLoop) { IsBackground = true, Name = "airgap-model-loader" };
            _loader.Start();
            _expiryTimer = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public InferenceOptions Options => _options;

    /// <summary>Loaded models, for /api/ps.</summary>
    public IReadOnlyList<LoadedModel> Loaded
    {
        get { lock (_gate) return _loaded.Values.ToList(); }
    }

    /// <summary>Loads refused because a blob no longer hashed to its registered digest, since start.</summary>
    public long VerifyFailures => Interlocked.Read(ref _verifyFailures);

    /// <summary>Requests waiting for a model to load.</summary>
    public int WaitingForLoad
    {
        get { lock (_gate) return _pending.Sum(p => p.Waiters.Count); }
    }

    /// <summary>Resolves NAME[:TAG][@VERSION], loads it if needed, and holds it until the lease is disposed.</summary>
    public async Task<ModelLease> AcquireAsync(string reference, TimeSpan? keepAlive, CancellationToken cancellationToken)
    {
        var version = _registry.Resolve(reference);
        // llama.cpp reads GGUF only: ONNX models are sentence encoders, served beside the scheduler, and anomaly
        // detectors score telemetry; neither may reach native code that expects GGUF.
        if (version.Format != Models.Packs.ModelFormat.Gguf)
            throw new InvalidRequestException("model", version.Format == Models.Packs.ModelFormat.Anomaly
                ? $"{reference} is an anomaly detector; it cannot chat or generate text"
                : $"{reference} is an embedding model; it cannot chat or generate text");
        var alive = keepAlive ?? _options.DefaultKeepAlive;
        LoadWaiter waiter;
        PendingLoad pending;
        lock (_gate)
        {
            if (_stopping) throw new ShuttingDownException();
            if (_loaded.TryGetValue(version.LoadKey, out var loaded))
            {
                loaded.References++;
                loaded.LastUsed = _clock.GetUtcNow();
                return new ModelLease(this, loaded, version, alive, false);
            }
            if (_failed.TryGetValue(version.LoadKey, out var failure) && _clock.GetUtcNow() - failure.At < _options.LoadFailureBackoff)
                throw new ModelLoadException(version.Reference, failure.Error.Reason);
            if (_pending.Sum(p => p.Waiters.Count) >= _options.MaxQueue)
                throw new QueueFullException(version.Reference, _options.MaxQueue, TimeSpan.FromSeconds(1));
            pending = _pending.FirstOrDefault(p => p.Version.LoadKey == version.LoadKey) ?? AddPending(version);
            waiter = new LoadWaiter(version, alive);
            pending.Waiters.Add(waiter);
            pending.KeepAlive = alive;
        }
        _loaderWake.Set();
        await using (cancellationToken.Register(() => Abandon(pending, waiter, cancellationToken)))
            return await waiter.Lease.Task;
    }

    private PendingLoad AddPending(ModelVersion version)
    {
        var pending = new PendingLoad(version);
        _pending.Add(pending);
        return pending;
    }

    // A request that leaves while its model loads leaves the count at once; the load itself goes on if started.
    private void Abandon(PendingLoad pending, LoadWaiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!pending.Waiters.Remove(waiter)) return;
            if (pending.Waiters.Count == 0 && !pending.Started) _pending.Remove(pending);
        }
        waiter.Lease.TrySetCanceled(cancellationToken);
    }

    private void LoadLoop()
    {
        while (true)
        {
            PendingLoad? next;
            lock (_gate)
            {
                if (_stopping) return;
                next = _pending.FirstOrDefault();
            }
            if (next is null || !TryLoad(next)) _loaderWake.WaitOne(TimeSpan.FromSeconds(1));
        }
    }

    // False when the model must wait for a loaded one to go idle; a real failure is remembered and told to every waiter.
    private bool TryLoad(PendingLoad pending)
    {
        var version = pending.Version;
        try
        {
            var path = _home.BlobPath(version.Digest);
            var projectorPath = version.Projector is { } projector ? _home.BlobPath(projector.Sha256) : null;
            if (!pending.Verified)
            {
                // once, not on every wait for room
                try
                {
                    _integrity.Verify(path, version.Digest);
                    if (projectorPath is not null) _integrity.Verify(projectorPath, version.Projector!.Sha256);
                }
                catch (IOException e)
                {
                    Interlocked.Increment(ref _verifyFailures);
                    _logger.VerifyFailed(version.Reference, e.Message);
                    throw;
                }
            }
            pending.Verified = true;
            var bytes = _factory.EstimateBytes(version.MetadataJson, version.Size, _options);
            if (!MakeRoom(bytes, version.Reference)) return false;
            lock (_gate)
            {
                // Its requesters may have left while the blob was hashed: a load nobody waits for is not started.
                if (_stopping || !_pending.Contains(pending)) return true;
                pending.Started = true;
            }
            var started = Stopwatch.StartNew();
            var queue = new PriorityRequestQueue(version.Reference, _options.MaxQueue, _clock);
            var runner = _factory.Load(version.Reference, path, projectorPath, _options, queue);
            Publish(pending, new LoadedModel(version, runner, bytes, started.Elapsed) { LastUsed = _clock.GetUtcNow() });
        }
        catch (Exception e)
        {
            var error = e as ModelLoadException ?? new ModelLoadException(version.Reference, e.Message);
            _logger.LoadFailed(version.Reference, error.Reason);
            List<LoadWaiter> waiters;
            lock (_gate)
            {
                _pending.Remove(pending);
                _failed[version.LoadKey] = (_clock.GetUtcNow(), error);
                waiters = [.. pending.Waiters];
            }
            foreach (var w in waiters) w.Lease.TrySetException(error);
        }
        return true;
    }

    // Every waiter gets its lease under the lock, so nothing can evict or unload the model between load and first use.
    private void Publish(PendingLoad pending, LoadedModel model)
    {
        List<LoadWaiter> waiters;
        lock (_gate)
        {
            _pending.Remove(pending);
            _failed.Remove(model.Version.LoadKey);
            if (_stopping)
            {
                waiters = [.. pending.Waiters];
            }
            else
            {
                _loaded[model.Version.LoadKey] = model;
                foreach (var w in pending.Waiters)
                {
                    model.References++;
                    w.Lease.TrySetResult(new ModelLease(this, model, w.Version, w.KeepAlive, true));
                }
                if (model.References == 0) model.ExpiresAt = ExpiryOf(model.LastUsed, pending.KeepAlive);
                _logger.Loaded(model.Version.Reference, model.LoadTime.TotalSeconds, model.MemoryBytes >> 20);
                return;
            }
        }
        foreach (var w in waiters) w.Lease.TrySetException(new ShuttingDownException());
        Unload(model);
    }

    private long Budget => _options.MemoryBudgetBytes
        ?? Math.Max(0, Hardware.HardwareProfile.Probe(_home.Root).TotalMemoryBytes - 4L * 1024 * 1024 * 1024);

    // Evicts least recently used idle models until the new one fits the count and memory limits; false while every
    // loaded model is busy (the load waits), a load failure when the model could never fit.
    private bool MakeRoom(long bytes, string reference)
    {
        var budget = Budget;
        while (true)
        {
            LoadedModel? victim;
            lock (_gate)
            {
                if (_loaded.Count == 0 && bytes > budget)
                    throw new ModelLoadException(reference, $"needs about {bytes >> 20} MiB, more than the memory budget of {budget >> 20} MiB");
                // A retiring model still holds its memory until its last request ends.
                var held = _loaded.Values.Concat(_retiring).ToList();
                if (held.Count < _options.MaxLoadedModels && held.Sum(m => m.MemoryBytes) + bytes <= budget) return true;
                victim = _loaded.Values.Where(m => m.References == 0).MinBy(m => m.LastUsed);
                if (victim is null) return false;
                _loaded.Remove(victim.Version.LoadKey);
            }
            _logger.Evicted(victim.Version.Reference, $"least recently used, making room for {reference}");
            Unload(victim);
        }
    }

    internal void Release(LoadedModel model, TimeSpan keepAlive)
    {
        bool unload;
        lock (_gate)
        {
            model.References--;
            model.LastUsed = _clock.GetUtcNow();
            model.ExpiresAt = ExpiryOf(model.LastUsed, keepAlive);
            unload = model.References == 0 && (model.Retiring ? _retiring.Remove(model) : keepAlive == TimeSpan.Zero && Forget(model));
        }
        if (unload)
        {
            // A retiring model was logged when it was retired.
            if (!model.Retiring) _logger.Evicted(model.Version.Reference, "keep_alive 0");
            Unload(model);
        }
        _loaderWake.Set();
    }

    private static DateTimeOffset? ExpiryOf(DateTimeOffset lastUsed, TimeSpan keepAlive) => keepAlive < TimeSpan.Zero ? null : lastUsed + keepAlive;

    /// <summary>Unloads the model <paramref name="reference"/> resolves to now, or when its last request ends; returns whether it was loaded.</summary>
    public bool Unload(string reference) => Retire(_registry.Resolve(reference).LoadKey, "unloaded on request");

    /// <summary>
    /// Unloads the instance of <paramref name="loadKey"/> (its blob's digest, with its projector's when it has one) now,
    /// or when its last request ends (a deleted or replaced model).
    /// </summary>
    public bool Retire(string loadKey) => Retire(loadKey, "deleted or replaced in the registry");

    private bool Retire(string loadKey, string reason)
    {
        LoadedModel? idle = null;
        LoadedModel model;
        lock (_gate)
        {
            if (!_loaded.Remove(loadKey, out model!)) return false;
            model.Retiring = true;
            if (model.References == 0) idle = model;
            else _retiring.Add(model);
        }
        _logger.Evicted(model.Version.Reference, idle is null ? reason + ", once its last request ends" : reason);
        if (idle is not null) Unload(idle);
        _loaderWake.Set();
        return true;
    }

    private bool Forget(LoadedModel model) =>
        _loaded.TryGetValue(model.Version.LoadKey, out var held) && ReferenceEquals(held, model) && _loaded.Remove(model.Version.LoadKey);

    // Once a second: unload idle models whose keep_alive ran out, and retire those no longer in the registry.
    private void Sweep()
    {
        try
        {
            bool any;
            lock (_gate) any = _loaded.Count > 0;
            var registered = any ? _registry.List().Select(v => v.LoadKey).ToHashSet(StringComparer.Ordinal) : null;
            List<LoadedModel> expired;
            List<string> gone;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                gone = registered is null ? [] : _loaded.Keys.Where(d => !registered.Contains(d)).ToList();
                expired = _loaded.Values.Where(m => m.References == 0 && m.ExpiresAt is { } at && at <= now).ToList();
                foreach (var m in expired) Forget(m);
            }
            foreach (var m in expired)
            {
                _logger.Evicted(m.Version.Reference, "keep_alive expired");
                Unload(m);
            }
            foreach (var key in gone) Retire(key, "deleted or replaced in the registry");
            if (expired.Count > 0) _loaderWake.Set();
        }
        catch (Exception)
        {
            // A timer callback that throws ends the process. The registry may be unreadable for a moment (an import
            // holds it, a disk hiccup, a database being repaired): nothing is unloaded on its word; try next second.
        }
    }

    private static void Unload(LoadedModel model)
    {
        model.Runner.Queue.Close(new ShuttingDownException());
        model.Runner.Dispose();
    }

    /// <summary>Stops loading, ends every waiting and queued request with an error, and unloads every model.</summary>
    public void Dispose()
    {
        List<LoadWaiter> waiting;
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            waiting = _pending.Where(p => !p.Started).SelectMany(p => p.Waiters).ToList();
            _pending.RemoveAll(p => !p.Started);
        }
        _expiryTimer.Dispose();
        foreach (var w in waiting) w.Lease.TrySetException(new ShuttingDownException());
        _loaderWake.Set();
        _loader.Join(); // a load in flight finishes, then Publish unloads it and fails its waiters
        List<LoadedModel> all;
        lock (_gate)
        {
            all = [.. _loaded.Values, .. _retiring];
            _loaded.Clear();
            _retiring.Clear();
        }
        foreach (var m in all) Unload(m);
    }
}
