using System.Text.Json;
using Airgap.Models.Naming;
using Airgap.Models.Storage;

namespace Airgap.Models.Packs;

/// <summary>
/// A pack folder read from disk: its manifest (schema and file names checked), the exact manifest bytes, and
/// the signature if there is one. Opening checks everything but digests and signature trust.
/// </summary>
public sealed class ModelPack
{
    private const int MaxManifestBytes = 1 << 20;

    private ModelPack(string directory, byte[] manifestBytes, PackManifest manifest, string? signatureText, ModelName name, SemanticVersion version)
    {
        Directory = directory;
        ManifestBytes = manifestBytes;
        Manifest = manifest;
        SignatureText = signatureText;
        Name = name;
        Version = version;
    }

    public string Directory { get; }
    public byte[] ManifestBytes { get; }
    public PackManifest Manifest { get; }
    public string? SignatureText { get; }
    public ModelName Name { get; }
    public SemanticVersion Version { get; }

    /// <summary>The full path of a file the manifest lists.</summary>
    public string PathOf(PackFile file) => Path.Combine(Directory, file.Path);

    /// <summary>Opens the pack in <paramref name="directory"/>, or throws <see cref="PackException"/> naming the problem.</summary>
    public static ModelPack Open(string directory)
    {
        var dir = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(dir)) throw new PackException($"pack folder {directory} does not exist");
        var manifestPath = Path.Combine(dir, PackManifest.FileName);
        var info = new FileInfo(manifestPath);
        if (!info.Exists) throw new PackException($"{directory} has no {PackManifest.FileName}");
        if (info.LinkTarget is not null) throw new PackException($"{PackManifest.FileName} is a link; packs hold plain files only");
        if (info.Length > MaxManifestBytes) throw new PackException($"{PackManifest.FileName} is {info.Length} bytes (at most {MaxManifestBytes})");
        var bytes = File.ReadAllBytes(manifestPath);

        PackManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, PackJsonContext.Default.PackManifest)
                ?? throw new PackException($"{PackManifest.FileName} is null");
        }
        catch (JsonException e)
        {
            throw new PackException($"{PackManifest.FileName} is not a valid manifest: {e.Message}");
        }
        var (name, version) = CheckSchema(manifest);
        foreach (var file in manifest.Files) CheckFileOnDisk(dir, file);

        var sigPath = Path.Combine(dir, PackManifest.SignatureFileName);
        string? signature = null;
        if (File.Exists(sigPath))
        {
            var sig = new FileInfo(sigPath);
            if (sig.LinkTarget is not null || sig.Length > 4096) throw new PackException($"{PackManifest.SignatureFileName} is not a plain signature file");
            signature = File.ReadAllText(sigPath);
        }
        return new ModelPack(dir, bytes, manifest, signature, name, version);
    }

    private static (ModelName, SemanticVersion) CheckSchema(PackManifest m)
    {
        if (m.SchemaVersion != PackManifest.CurrentSchemaVersion)
            throw new PackException($"manifest schema_version {m.SchemaVersion} is not supported (this build reads {PackManifest.CurrentSchemaVersion})");
        if (!ModelName.TryParse(m.Name, out var name, out var nameError) || !m.Name.Contains(':'))
            throw new PackException($"manifest name: {(nameError.Length > 0 ? nameError : $"'{m.Name}' must be family:tag")}");
        if (!SemanticVersion.TryParse(m.Version, out var version, out var versionError))
            throw new PackException($"manifest version: {versionError}");
        if (!ModelFormat.IsKnown(m.Format))
            throw new PackException($"manifest format '{m.Format}' is not one of gguf, onnx");
        if (m.Files is null || m.Files.Count == 0) throw new PackException("manifest files: the pack lists no files");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in m.Files)
        {
            CheckPlainName(file.Path);
            if (!seen.Add(file.Path)) throw new PackException($"manifest files: '{file.Path}' is listed twice");
            if (!Sha256Digest.IsValid(file.Sha256)) throw new PackException($"manifest files: '{file.Path}' sha256 is not 64 lower-case hex digits");
            if (file.Size < 0) throw new PackException($"manifest files: '{file.Path}' size {file.Size} is negative");
        }
        return (name, version);
    }

    /// <summary>Refuses anything but a plain file name: no folders, no '..', no absolute paths, no control characters.</summary>
    public static void CheckPlainName(string? path)
    {
        if (string.IsNullOrEmpty(path)) throw new PackException("manifest files: a file has an empty path");
        if (path is "." or ".." || path.Contains('/') || path.Contains('\\') || Path.IsPathRooted(path) || path.Contains(':')
            || path.Any(char.IsControl) || path.Length > 255)
            throw new PackException($"manifest files: path '{path}' is not a plain file name (no folders, '..' or absolute paths)");
        if (path is PackManifest.FileName or PackManifest.SignatureFileName)
            throw new PackException($"manifest files: '{path}' is reserved for the pack itself");
    }

    private static void CheckFileOnDisk(string dir, PackFile file)
    {
        var info = new FileInfo(Path.Combine(dir, file.Path));
        if (info.LinkTarget is not null) throw new PackException($"'{file.Path}' is a link; packs hold plain files only");
        if (!info.Exists) throw new PackException($"'{file.Path}' is listed in the manifest but missing from the pack");
        if (info.Length != file.Size)
            throw new PackException($"'{file.Path}' is {info.Length} bytes, the manifest says {file.Size} (incomplete copy?)");
    }
}
