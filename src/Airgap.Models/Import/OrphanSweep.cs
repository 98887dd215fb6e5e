using Airgap.Models.Catalog;
using Airgap.Models.Storage;

namespace Airgap.Models.Import;

/// <summary>
/// Under the import lock, sets aside the blobs no registered version references (an interrupted import's) into
/// tmp/orphans/, deletes set-aside blobs after a grace period, and puts back any a registered version needs again.
/// It acts only on a registry that opened as this home's own (identity and newest entry checked), never deletes at once.
/// </summary>
public sealed class OrphanSweep(AirgapHome home, ModelRegistry registry, TimeProvider clock)
{
    /// <summary>How long a set-aside blob is kept before it is deleted.</summary>
    public static TimeSpan GracePeriod { get; } = TimeSpan.FromDays(7);

    /// <summary>Runs the sweep (the caller holds the import lock); returns how many blobs were set aside.</summary>
    public int Run()
    {
        var blobs = new BlobStore(home);
        var referenced = registry.ReferencedDigests();
        var now = clock.GetUtcNow();
        foreach (var digest in referenced)
            if (!File.Exists(home.BlobPath(digest))) blobs.Restore(digest);
        var orphans = blobs.List().Where(d => !referenced.Contains(d)).ToList();
        foreach (var digest in orphans) blobs.SetAside(digest, now);
        blobs.PurgeSetAside(now, GracePeriod);
        return orphans.Count;
    }
}
