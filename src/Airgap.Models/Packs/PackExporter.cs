using System.Security.Cryptography;
using Airgap.Models.Catalog;
using Airgap.Models.Naming;
using Airgap.Models.Storage;

namespace Airgap.Models.Packs;

/// <summary>Writes a signed pack of a registered version, so a model can travel on from one air-gapped site to another.</summary>
public sealed class PackExporter(AirgapHome home, ModelRegistry registry)
{
    /// <summary>Exports NAME[@VERSION] to <paramref name="outDirectory"/>, signed with <paramref name="key"/>.</summary>
    public async Task<(ModelVersion Version, PackManifest Manifest)> ExportAsync(string reference, string outDirectory, ECDsa key, CancellationToken cancellationToken)
    {
        var version = registry.Resolve(reference);
        var files = version.Files.Select(f => (home.BlobPath(f.Sha256), f.Path)).ToList();
        var request = new PackRequest(ModelName.Parse(version.Name), SemanticVersion.Parse(version.Version), version.Format,
            version.Description, version.License);
        var manifest = await PackWriter.WriteAsync(outDirectory, request, files, key, cancellationToken);
        var changed = manifest.Files.Zip(version.Files).FirstOrDefault(p => p.First.Sha256 != p.Second.Sha256);
        if (changed.First is not null)
        {
            Directory.Delete(outDirectory, recursive: true);
            throw new PackException($"blob of '{changed.Second.Path}' no longer matches its digest; run 'airgap models verify'");
        }
        registry.RecordEvent("export", version.Name, version.Version, $"to {Path.GetFullPath(outDirectory)}");
        return (version, manifest);
    }
}
