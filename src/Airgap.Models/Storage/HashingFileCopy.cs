using System.Diagnostics;
using System.Security.Cryptography;

namespace Airgap.Models.Storage;

/// <summary>Progress of one file being copied: bytes done of total.</summary>
public readonly record struct CopyProgress(string File, long BytesDone, long BytesTotal);

/// <summary>Copies a file while computing its SHA-256, then flushes the copy to disk.</summary>
public static class HashingFileCopy
{
    /// <summary>Copies <paramref name="source"/> to a new file <paramref name="destination"/>; returns (sha256, size).</summary>
    public static async Task<(string Sha256, long Size)> CopyAsync(
        string source, string destination, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return await CopyAsync(input, input.Length, source, destination, progress, cancellationToken);
    }

    /// <summary>Copies what <paramref name="input"/> yields to a new file <paramref name="destination"/>; returns (sha256, size).</summary>
    public static async Task<(string Sha256, long Size)> CopyAsync(
        Stream input, long total, string source, string destination, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long done = 0;
        var sinceReport = Stopwatch.StartNew();
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            done += read;
            // The first chunk is reported at once, so a watcher sees the copy start even for a small file.
            if (progress is not null && (done == read || sinceReport.ElapsedMilliseconds >= 100))
            {
                progress.Report(new CopyProgress(source, done, total));
                sinceReport.Restart();
            }
        }
        output.Flush(flushToDisk: true);
        progress?.Report(new CopyProgress(source, done, total));
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), done);
    }
}
