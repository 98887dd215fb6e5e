using Airgap.Models.Storage;

namespace Airgap.Models.Catalog;

/// <summary>A registered file whose blob is missing or no longer hashes to its digest.</summary>
public sealed record CorruptBlob(string Reference, string Path, string Digest, string Problem);

/// <summary>Re-hashes the blobs of registered versions and names every one that is missing or changed.</summary>
public sealed class BlobVerifier(AirgapHome home, ModelRegistry registry)
{
    /// <summary>Checks every version (of one model when <paramref name="name"/> is given); returns the corrupt files.</summary>
    public async Task<(int Checked, IReadOnlyList<CorruptBlob> Corrupt)> VerifyAsync(string? name, CancellationToken cancellationToken)
    {
        var versions = registry.List().Where(v => name is null || v.Name == name).ToList();
        if (name is not null && versions.Count == 0) throw new ModelNotFoundException(name, registry.List().Select(v => v.Reference).ToList());
        var corrupt = new List<CorruptBlob>();
        var hashed = new Dictionary<string, string?>();
        var count = 0;
        foreach (var version in versions)
        {
            foreach (var file in version.Files)
            {
                count++;
                var path = home.BlobPath(file.Sha256);
                if (!hashed.TryGetValue(file.Sha256, out var actual))
                    hashed[file.Sha256] = actual = File.Exists(path) ? await Sha256Digest.OfFileAsync(path, cancellationToken) : null;
                if (actual is null)
                    corrupt.Add(new CorruptBlob(version.Reference, file.Path, file.Sha256, "blob is missing"));
                else if (actual != file.Sha256)
                    corrupt.Add(new CorruptBlob(version.Reference, file.Path, file.Sha256, $"blob hashes to {actual}"));
            }
        }
        return (count, corrupt);
    }
}
