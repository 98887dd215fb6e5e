using System.Collections.Concurrent;
using System.Security.Cryptography;
using Airgap.Models.Storage;

namespace Airgap.Inference.Scheduling;

/// <summary>
/// Checks a blob's SHA-256 against the registry before it is loaded (llama.cpp itself checks nothing), remembering a
/// good result by the file's (device, inode, size, mtime, ctime): restoring a tampered file's mtime still changes its
/// ctime, so it is re-hashed and refused, as `models verify` would. Where that identity is unavailable (not Linux),
/// every load re-hashes.
/// </summary>
public sealed class BlobIntegrity
{
    private readonly ConcurrentDictionary<string, (FileIdentity Identity, string Digest)> _verified = new();

    /// <summary>Throws when the file at <paramref name="path"/> does not hash to <paramref name="digest"/> (runs on the loading thread).</summary>
    public void Verify(string path, string digest)
    {
        if (!File.Exists(path)) throw new IOException($"blob sha256-{digest} is missing from the data home");
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        // Identity and hash come from the same open file, so a rename in between cannot pair one file's stat with another's bytes.
        var identity = FileIdentity.Of(handle);
        if (identity is { } known && _verified.TryGetValue(path, out var remembered) && remembered.Identity == known && remembered.Digest == digest)
            return;
        _verified.TryRemove(path, out _);
        string actual;
        using (var stream = new FileStream(handle, FileAccess.Read, 1 << 20))
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != digest)
            throw new IOException($"blob sha256-{digest} was changed on disk (it now hashes to {actual}); run 'airgap models verify'");
        if (identity is { } verified) _verified[path] = (verified, digest);
    }
}
