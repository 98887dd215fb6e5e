using System.Security.Cryptography;
using System.Text.Json;
using Airgap.Models.Naming;
using Airgap.Models.Signing;
using Airgap.Models.Storage;

namespace Airgap.Models.Packs;

/// <summary>What to put in a new pack besides the files.</summary>
public sealed record PackRequest(ModelName Name, SemanticVersion Version, string? Format, string? Description, string? License);

/// <summary>Writes signed packs: copies the files, writes manifest.json and manifest.sig; the folder appears whole or not at all.</summary>
public static class PackWriter
{
    /// <summary>Creates the pack folder <paramref name="outDirectory"/> (which must not exist or be empty).</summary>
    public static async Task<PackManifest> WriteAsync(
        string outDirectory, PackRequest request, IReadOnlyList<(string Source, string PackPath)> files, ECDsa signingKey,
        CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(outDirectory);
        if (File.Exists(target)) throw new PackException($"{outDirectory} is a file");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new PackException($"{outDirectory} is not empty; a pack needs a folder of its own");
        if (files.Count == 0) throw new PackException("a pack needs at least one file");
        foreach (var (source, packPath) in files)
        {
            ModelPack.CheckPlainName(packPath);
            RequireOrdinarySource(source);
        }

        var format = request.Format ?? ModelFormat.Detect(files[0].Source);
        if (!ModelFormat.IsKnown(format)) throw new PackException($"format '{format}' is not one of gguf, onnx");

        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + $".partial-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            var entries = new List<PackFile>();
            foreach (var (source, packPath) in files)
            {
                if (!File.Exists(source)) throw new PackException($"{source} does not exist");
                var (sha256, size) = await HashingFileCopy.CopyAsync(source, Path.Combine(staging, packPath), null, cancellationToken);
                entries.Add(new PackFile(packPath, sha256, size));
            }
            var manifest = new PackManifest(PackManifest.CurrentSchemaVersion, request.Name.ToString(), request.Version.ToString(),
                format, entries, DateTimeOffset.UtcNow, request.Description, request.License);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, PackJsonContext.Default.PackManifest);
            await File.WriteAllBytesAsync(Path.Combine(staging, PackManifest.FileName), bytes, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(staging, PackManifest.SignatureFileName),
                ManifestSignature.Sign(bytes, signingKey) + "\n", cancellationToken);
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(staging, target);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    // A link to a model is fine on the authoring side; a FIFO or device would block the copy or never end it.
    private static void RequireOrdinarySource(string source)
    {
        var resolved = File.Exists(source) || Directory.Exists(source)
            ? File.ResolveLinkTarget(source, returnFinalTarget: true)?.FullName ?? source
            : source;
        if (SourceFile.Inspect(resolved).Kind == SourceFileKind.Missing) throw new PackException($"{source} does not exist");
        SourceFile.RequireOrdinary(resolved, source);
    }
}
