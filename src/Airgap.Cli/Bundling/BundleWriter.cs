using System.Security.Cryptography;
using Airgap.Models.Catalog;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;

namespace Airgap.Cli.Bundling;

/// <summary>What a bundle is asked to hold.</summary>
public sealed record BundleRequest(
    string Output,
    IReadOnlyList<string> RuntimeIdentifiers,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> TrustedKeyFiles,
    string? SignKeyFile);

/// <summary>What a finished bundle holds.</summary>
public sealed record BundleSummary(string Path, IReadOnlyList<string> Builds, IReadOnlyList<string> Packs, IReadOnlyList<string> Keys, int Files, long Bytes, string BuiltFrom);

/// <summary>
/// Writes a bundle to carry across the air gap: a self-contained build per platform (published from the source tree, or
/// this installation copied), model packs as `export` writes them, the keys to trust, the install scripts, a README for the
/// site and SHA256SUMS. Written beside the target and renamed into place, so a failed bundle leaves nothing half-written.
/// </summary>
public sealed class BundleWriter(AirgapHome home, ModelRegistry registry, Action<string> report)
{
    public async Task<BundleSummary> WriteAsync(BundleRequest request, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(request.Output);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            throw new ArgumentException($"{output} exists and is not empty; give a new folder to --out");
        if (request.Models.Count > 0 && request.SignKeyFile is null)
            throw new ArgumentException("--model needs --sign-key KEY: packs cross the air gap signed (make one with 'airgap keys create')");
        using var signKey = request.SignKeyFile is null ? null : SigningKeys.LoadPrivate(request.SignKeyFile);
        foreach (var model in request.Models) registry.Resolve(model); // an unknown name is refused before minutes of building

        var staging = $"{output}.partial-{Environment.ProcessId}";
        var work = Path.Combine(Path.GetTempPath(), $"airgap-bundle-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(work);
        try
        {
            var builtFrom = await WriteBuildsAsync(staging, work, request.RuntimeIdentifiers, cancellationToken);
            var packs = await WritePacksAsync(staging, request.Models, signKey, cancellationToken);
            var keys = WriteKeys(staging, request.TrustedKeyFiles, request.SignKeyFile, signKey);
            SiteFiles.Write(staging);
            report("checksums: hashing every file into SHA256SUMS");
            var files = await Checksums.WriteAsync(staging, cancellationToken);
            var bytes = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            if (Directory.Exists(output)) Directory.Delete(output);
            Directory.Move(staging, output);
            return new BundleSummary(output, request.RuntimeIdentifiers, packs, keys, files, bytes, builtFrom);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private async Task<string> WriteBuildsAsync(string staging, string work, IReadOnlyList<string> rids, CancellationToken cancellationToken)
    {
        if (SourceTree.Find() is { } tree && !Installation.IsSingleFile)
        {
            var publisher = new BuildPublisher(tree, work);
            foreach (var rid in rids)
            {
                report($"build {rid}: dotnet publish, self-contained single file (a few minutes)");
                await publisher.PublishAsync(rid, BundleLayout.Build(staging, rid), cancellationToken);
            }
            return $"source tree {tree}";
        }
        if (!Installation.IsSingleFile)
            throw new ArgumentException("run 'airgap bundle' from the source tree (dotnet run --project src/Airgap.Cli -- bundle ...) or from an installed airgap");
        var own = Installation.RuntimeIdentifier;
        if (rids.FirstOrDefault(r => r != own) is { } other)
            throw new ArgumentException($"this installation is the {own} build and cannot make a {other} one; bundle {other} from the source tree");
        report($"build {own}: copying this installation ({Installation.Directory})");
        CopyDirectory(Installation.Directory, BundleLayout.Build(staging, own));
        return $"installation {Installation.Directory}";
    }

    private async Task<List<string>> WritePacksAsync(string staging, IReadOnlyList<string> models, ECDsa? signKey, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var model in models)
        {
            var version = registry.Resolve(model);
            var folder = $"{version.Name.Replace(':', '-')}-{version.Version}";
            report($"pack {version.Reference}: exporting, signed");
            await new PackExporter(home, registry).ExportAsync(version.Reference, Path.Combine(staging, BundleLayout.Packs, folder), signKey!, cancellationToken);
            written.Add(version.Reference);
        }
        return written;
    }

    private List<string> WriteKeys(string staging, IReadOnlyList<string> files, string? signKeyFile, ECDsa? signKey)
    {
        var directory = Path.Combine(staging, BundleLayout.Keys);
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            using var key = SigningKeys.LoadPublic(file); // refuses a file that is not a public key
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }
        if (signKey is not null)
        {
            // The signer of the bundle's packs: the site must trust it for the packs to import.
            var name = Path.GetFileNameWithoutExtension(signKeyFile)!;
            File.WriteAllText(Path.Combine(directory, $"{name}.pub"), signKey.ExportSubjectPublicKeyInfoPem() + "\n");
        }
        // An installation carries on the trust of the site it came from.
        if (Installation.IsSingleFile) new TrustedKeyStore(home).CopyTo(directory);
        return Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
    }
}
