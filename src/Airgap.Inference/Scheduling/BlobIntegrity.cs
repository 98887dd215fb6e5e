using System.Collections.Concurrent;
namespace Airgap.Inference.Scheduling;

/// <summary>
/// Checks a blob's SHA-256 against the registry before it is loaded, remembering a good result by size and
/// modification time, so a file changed on disk is refused rather than run (llama.cpp itself checks nothing).
/// </summary>
public sealed class BlobIntegrity
{
    private readonly ConcurrentDictionary<string, (long Size, DateTime Modified, string Digest)> _verified = new();

    /// <summary>Throws when the file at <paramref name="path"/> does not hash to <paramref name="digest"/> (runs on the loading thread).</summary>
    public void Verify(string path, string digest)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new IOException($"blob sha256-{digest} is missing from the data home");
        if (_verified.TryGetValue(path, out var known) && known.Size == info.Length && known.Modified == info.LastWriteTimeUtc && known.Digest == digest)
            return;
        string actual;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        if (actual != digest)
            throw new IOException($"blob sha256-{digest} was changed on disk (it now hashes to {actual}); run 'airgap models verify'");
        _verified[path] = (info.Length, info.LastWriteTimeUtc, digest);
    }
}
