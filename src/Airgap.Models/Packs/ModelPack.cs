using System.Globalization;
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
    private const int MaxSignatureBytes = 4096;

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
        if (SourceFile.Inspect(manifestPath).Kind == SourceFileKind.Missing) throw new PackException($"{directory} has no {PackManifest.FileName}");
        byte[] bytes;
        using (var file = SourceFile.Open(manifestPath, PackManifest.FileName)) bytes = file.ReadAll(MaxManifestBytes);

        PackManifest manifest;
        try
        {
            ManifestKeys.RequireUnique(bytes);
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
        if (SourceFile.Inspect(sigPath).Kind != SourceFileKind.Missing)
        {
            using var sig = SourceFile.Open(sigPath, PackManifest.SignatureFileName);
            signature = System.Text.Encoding.UTF8.GetString(sig.ReadAll(MaxSignatureBytes));
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
            if (file is null) throw new PackException("manifest files: an entry is null");
            CheckPlainName(file.Path);
            if (!seen.Add(file.Path)) throw new PackException($"manifest files: '{file.Path}' is listed twice");
            if (!Sha256Digest.IsValid(file.Sha256)) throw new PackException($"manifest files: '{file.Path}' sha256 is not 64 lower-case hex digits");
            if (file.Size < 0) throw new PackException($"manifest files: '{file.Path}' size {file.Size} is negative");
        }
        return (name, version);
    }

    /// <summary>
    /// Refuses anything but a plain file name: no folders, no '..', no absolute paths, and no control, format
    /// (bidirectional overrides, zero-width) or separator characters, which make a name read differently than it is.
    /// </summary>
    public static void CheckPlainName(string? path)
    {
        if (string.IsNullOrEmpty(path)) throw new PackException("manifest files: a file has an empty path");
        if (path is "." or ".." || path.Contains('/') || path.Contains('\\') || Path.IsPathRooted(path) || path.Contains(':') || path.Length > 255)
            throw new PackException($"manifest files: path '{path}' is not a plain file name (no folders, '..' or absolute paths)");
        var hidden = HiddenCharacter(path);
        if (hidden >= 0)
            throw new PackException($"manifest files: path '{Escaped(path)}' holds the invisible or control character U+{(int)path[hidden]:X4}");
        if (char.IsWhiteSpace(path[0]) || char.IsWhiteSpace(path[^1]))
            throw new PackException($"manifest files: path '{path}' starts or ends with white space");
        if (path is PackManifest.FileName or PackManifest.SignatureFileName)
            throw new PackException($"manifest files: '{path}' is reserved for the pack itself");
    }

    // Index of the first control, format, line/paragraph separator or unpaired surrogate; -1 when none.
    private static int HiddenCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(text, i) is UnicodeCategory.Format) return i;
                i++;
                continue;
            }
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
                return i;
        }
        return -1;
    }

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ? $"\\u{(int)c:X4}" : c.ToString()));

    // Early, clear errors without opening anything; the import opens each file once and checks it again through its handle.
    private static void CheckFileOnDisk(string dir, PackFile file)
    {
        var size = SourceFile.RequireOrdinary(Path.Combine(dir, file.Path), file.Path);
        if (size != file.Size)
            throw new IncompletePackException($"'{file.Path}' is {size} bytes, the manifest says {file.Size} (incomplete copy?)");
    }
}
