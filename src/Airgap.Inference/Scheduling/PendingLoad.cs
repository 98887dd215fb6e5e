using Airgap.Models.Catalog;

namespace Airgap.Inference.Scheduling;

/// <summary>A model waiting to be loaded, and the requests waiting for it.</summary>
internal sealed class PendingLoad(ModelVersion version)
{
    public ModelVersion Version { get; } = version;
    public List<LoadWaiter> Waiters { get; } = [];
    public bool Started { get; set; }

    /// <summary>The blob's digest was checked; a load waiting for room does not hash it again.</summary>
    public bool Verified { get; set; }

    /// <summary>The keep_alive of the latest requester: a load whose requesters all left still honours it.</summary>
    public TimeSpan KeepAlive { get; set; }
}

/// <summary>One request waiting for a model to load; completed with its lease by the loader, under the host's lock.</summary>
internal sealed class LoadWaiter(ModelVersion version, TimeSpan keepAlive)
{
    public ModelVersion Version { get; } = version;
    public TimeSpan KeepAlive { get; } = keepAlive;
    public TaskCompletionSource<ModelLease> Lease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
