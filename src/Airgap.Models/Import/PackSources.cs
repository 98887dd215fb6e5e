using Airgap.Models.Naming;
using Airgap.Models.Packs;

namespace Airgap.Models.Import;

/// <summary>The folders packs may be pulled from by name (USB mounts, shares): each folder and its sub-folders.</summary>
public sealed class PackSources(IReadOnlyList<string> folders)
{
    public IReadOnlyList<string> Folders { get; } = folders;

    /// <summary>The pack of <paramref name="name"/> with the highest version, or null when no source holds one.</summary>
    public ModelPack? FindLatest(ModelName name) => Find(name, null);

    /// <summary>The pack of <paramref name="name"/> at <paramref name="version"/> (null: the highest), or null when no source holds it.</summary>
    public ModelPack? Find(ModelName name, SemanticVersion? version)
    {
        ModelPack? best = null;
        foreach (var folder in Folders.Where(Directory.Exists))
        {
            foreach (var dir in Candidates(folder))
            {
                if (!File.Exists(Path.Combine(dir, PackManifest.FileName))) continue;
                ModelPack pack;
                try
                {
                    pack = ModelPack.Open(dir);
                }
                catch (Exception e) when (e is PackException or IOException or UnauthorizedAccessException)
                {
                    continue; // a broken, half-copied or unreadable pack is not a candidate; import would refuse it anyway
                }
                if (pack.Name == name && (version is null || pack.Version == version) && (best is null || pack.Version > best.Version)) best = pack;
            }
        }
        return best;
    }

    // A stick pulled or a folder that cannot be listed holds no candidates; it must not fail the pull.
    private static List<string> Candidates(string folder)
    {
        try
        {
            return Directory.EnumerateDirectories(folder).Prepend(folder).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
