using Airgap.Models.Naming;
using Airgap.Models.Packs;

namespace Airgap.Models.Import;

/// <summary>One file to import: where it is, its name in the registry, and what the manifest promises (if any).</summary>
public sealed record ImportFile(string SourcePath, string PackPath, string? ExpectedSha256, long? ExpectedSize);

/// <summary>Something to import: a checked pack, or a bare model file registered as an unsigned local import.</summary>
public sealed record ImportSource(
    ModelName Name,
    SemanticVersion Version,
    string Format,
    IReadOnlyList<ImportFile> Files,
    string? Description,
    string? License,
    string? SignerKeyId,
    string Origin)
{
    /// <summary>From an opened pack whose signature has been checked.</summary>
    public static ImportSource FromPack(ModelPack pack, string? signerKeyId) => new(
        pack.Name, pack.Version, pack.Manifest.Format,
        pack.Manifest.Files.Select(f => new ImportFile(pack.PathOf(f), f.Path, f.Sha256, f.Size)).ToList(),
        pack.Manifest.Description, pack.Manifest.License, signerKeyId, pack.Directory);

    /// <summary>From a bare model file, named by the caller: an ordinary file (not a link, FIFO or device) with a known magic.</summary>
    public static ImportSource FromFile(string path, ModelName name, SemanticVersion version)
    {
        var full = Path.GetFullPath(path);
        var kind = SourceFile.Inspect(full).Kind;
        if (kind == SourceFileKind.Missing) throw new PackException($"{path} does not exist");
        if (kind == SourceFileKind.Link) throw new PackException($"{path} is a link; import the file it points to");
        string format;
        using (var file = SourceFile.Open(full, path)) format = ModelFormat.Detect(file.ReadHead(4), full);
        return new ImportSource(name, version, format, [new ImportFile(full, Path.GetFileName(full), null, null)],
            null, null, null, full);
    }
}
