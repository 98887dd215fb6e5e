namespace Airgap.Models.Storage;

/// <summary>The outcome of staging one file: where it sits, its digest and size.</summary>
public sealed record StagedFile(string TempPath, string Sha256, long Size);

/// <summary>
/// Content-addressed blob storage: files are streamed into tmp/ while hashed, flushed to disk, then renamed
/// atomically into blobs/sha256-&lt;hex&gt;; each digest is stored once.
/// </summary>
public sealed class BlobStore(AirgapHome home)
{
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

    /// <summary>Moves a staged file into blobs/ under its digest; returns true when the blob is new.</summary>
    public bool Commit(StagedFile staged)
    {
        var target = home.BlobPath(staged.Sha256);
        if (File.Exists(target))
        {
            File.Delete(staged.TempPath);
            return false;
        }
        File.Move(staged.TempPath, target);
        FlushDirectory(home.BlobsDirectory);
        return true;
    }

    /// <summary>Deletes a blob.</summary>
    public void Delete(string sha256) => File.Delete(home.BlobPath(sha256));

    /// <summary>Digests of every blob on disk.</summary>
    public IEnumerable<string> List() =>
        Directory.EnumerateFiles(home.BlobsDirectory, "sha256-*")
            .Select(p => Path.GetFileName(p)["sha256-".Length..])
            .Where(Sha256Digest.IsValid);

    /// <summary>Removes every leftover file in tmp/ (an interrupted import's).</summary>
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

    // A rename is durable only once its directory entry is on disk.
    private static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (UnauthorizedAccessException) { }
        catch (IOException) { }
    }
}
