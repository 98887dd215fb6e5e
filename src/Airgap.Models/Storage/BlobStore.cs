namespace Airgap.Models.Storage;

/// <summary>The outcome of staging one file: where it sits, its digest and size.</summary>
public sealed record StagedFile(string TempPath, string Sha256, long Size);

/// <summary>What committing a staged file did to blobs/.</summary>
public enum BlobCommit
{
    /// <summary>The blob was not there; the staged file is now it.</summary>
    Added,

    /// <summary>A good blob with that digest was there; the staged copy was discarded.</summary>
    AlreadyPresent,

    /// <summary>The blob there no longer hashed to its digest (bit rot, tampering); the staged copy replaced it.</summary>
    Repaired,
}

/// <summary>
/// Content-addressed blob storage: files are streamed into tmp/ while hashed, flushed to disk, then renamed
/// atomically into blobs/sha256-&lt;hex&gt;, and blobs/ itself is flushed; each digest is stored once.
/// </summary>
public sealed class BlobStore(AirgapHome home)
{
    private const string SetAsideSeparator = "--";

    /// <summary>Copies <paramref name="source"/> into tmp/, hashing on the fly.</summary>
    public async Task<StagedFile> StageAsync(string source, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(home.TempDirectory, $"{Guid.NewGuid():N}.partial");
        try
        {
            var (sha256, size) = await HashingFileCopy.CopyAsync(source, temp, progress, cancellationToken);
            return new StagedFile(temp, sha256, size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Copies what <paramref name="input"/> yields (a pack file opened once) into tmp/, hashing on the fly.</summary>
    public async Task<StagedFile> StageAsync(Stream input, long total, string source, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(home.TempDirectory, $"{Guid.NewGuid():N}.partial");
        try
        {
            var (sha256, size) = await HashingFileCopy.CopyAsync(input, total, source, temp, progress, cancellationToken);
            return new StagedFile(temp, sha256, size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Moves a staged file into blobs/ under its digest. A blob already there is re-hashed first: a good one is kept
    /// and the copy discarded, a corrupt one is replaced, so re-importing heals bit rot.
    /// </summary>
    public async Task<BlobCommit> CommitAsync(StagedFile staged, CancellationToken cancellationToken)
    {
        var target = home.BlobPath(staged.Sha256);
        var outcome = BlobCommit.Added;
        if (File.Exists(target))
        {
            if (await Sha256Digest.OfFileAsync(target, cancellationToken) == staged.Sha256)
            {
                File.Delete(staged.TempPath);
                return BlobCommit.AlreadyPresent;
            }
            outcome = BlobCommit.Repaired;
        }
        File.Move(staged.TempPath, target, overwrite: true);
        DurableDirectory.Flush(home.BlobsDirectory);
        return outcome;
    }

    /// <summary>Deletes a blob.</summary>
    public void Delete(string sha256) => File.Delete(home.BlobPath(sha256));

    /// <summary>Digests of every blob on disk.</summary>
    public IEnumerable<string> List() =>
        Directory.EnumerateFiles(home.BlobsDirectory, "sha256-*")
            .Select(p => Path.GetFileName(p)["sha256-".Length..])
            .Where(Sha256Digest.IsValid);

    /// <summary>Moves a blob into tmp/orphans/, stamped with <paramref name="now"/>, instead of deleting it.</summary>
    public void SetAside(string sha256, DateTimeOffset now)
    {
        Directory.CreateDirectory(home.OrphansDirectory);
        var name = $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}{SetAsideSeparator}sha256-{Sha256Digest.Require(sha256)}";
        File.Move(home.BlobPath(sha256), Path.Combine(home.OrphansDirectory, name), overwrite: true);
        DurableDirectory.Flush(home.BlobsDirectory);
    }

    /// <summary>Puts a set-aside blob back into blobs/ (a registry restored from a backup needs it again); true when one was there.</summary>
    public bool Restore(string sha256)
    {
        var found = SetAsideFiles().Where(f => f.Sha256 == sha256).OrderByDescending(f => f.At).FirstOrDefault();
        if (found.Path is null || File.Exists(home.BlobPath(sha256))) return false;
        File.Move(found.Path, home.BlobPath(sha256));
        DurableDirectory.Flush(home.BlobsDirectory);
        return true;
    }

    /// <summary>Digests of the blobs set aside in tmp/orphans/.</summary>
    public IEnumerable<string> ListSetAside() => SetAsideFiles().Select(f => f.Sha256).Distinct();

    /// <summary>Deletes set-aside blobs older than <paramref name="grace"/>; returns how many went.</summary>
    public int PurgeSetAside(DateTimeOffset now, TimeSpan grace)
    {
        var expired = SetAsideFiles().Where(f => now - f.At > grace).ToList();
        expired.ForEach(f => File.Delete(f.Path));
        return expired.Count;
    }

    /// <summary>Removes every leftover file in tmp/ (an interrupted import's); tmp/orphans/ is kept.</summary>
    public int CleanTemp()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(home.TempDirectory))
        {
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    private IEnumerable<(string Path, DateTimeOffset At, string Sha256)> SetAsideFiles()
    {
        if (!Directory.Exists(home.OrphansDirectory)) yield break;
        foreach (var path in Directory.EnumerateFiles(home.OrphansDirectory))
        {
            var parts = Path.GetFileName(path).Split(SetAsideSeparator);
            if (parts.Length == 2 && parts[1].StartsWith("sha256-", StringComparison.Ordinal)
                && DateTimeOffset.TryParseExact(parts[0], "yyyyMMdd'T'HHmmss'Z'", null,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                && Sha256Digest.IsValid(parts[1]["sha256-".Length..]))
                yield return (path, at, parts[1]["sha256-".Length..]);
        }
    }
}
