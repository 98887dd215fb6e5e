using Airgap.Models.Naming;
using Airgap.Models.Packs;

namespace Airgap.Models.Import;

/// <summary>The folders packs may be pulled from by name (USB mounts, shares): each folder and its sub-folders.</summary>
public sealed class PackSources(IReadOnlyList<string> folders)
{
    public IReadOnlyList<string> Folders { get; } = folders;

    /// <summary>The pack of <paramref name="name"/> with the highest version, or null when no source holds one.</summary>
    public ModelPack? FindLatest(ModelName name)
    {
        ModelPack? best = null;
        foreach (var folder in Folders.Where(Directory.Exists))
        {
            foreach (var dir in Directory.EnumerateDirectories(folder).Prepend(folder))
            {
                if (!File.Exists(Path.Combine(dir, PackManifest.FileName))) continue;
                ModelPack pack;
                try
                {
                    pack = ModelPack.Open(dir);
                }
                catch (PackException)
                {
                    continue; // a broken or half-copied pack is not a candidate; import would refuse it anyway
                }
                if (pack.Name == name && (best is null || pack.Version > best.Version)) best = pack;
            }
        }
        return best;
    }
}
