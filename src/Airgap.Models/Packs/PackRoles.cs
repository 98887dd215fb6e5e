using Airgap.Models.Gguf;

namespace Airgap.Models.Packs;

/// <summary>
/// Which of a pack's files is the model proper and which, if any, its vision projector (mmproj): a GGUF file whose
/// <c>general.architecture</c> is <c>clip</c>, as llama.cpp's converter writes every projector. No manifest field
/// is needed, so a pack written before projectors existed reads as it always did.
/// </summary>
public sealed record PackRoles(int Model, int? Projector)
{
    /// <summary>The <c>general.architecture</c> of a vision projector.</summary>
    public const string ProjectorArchitecture = "clip";

    /// <summary>
    /// Finds the roles among <paramref name="paths"/> (pack names), reading the GGUF header of each file at
    /// <paramref name="pathOnDisk"/>; throws <see cref="PackException"/> for two projectors or a projector alone.
    /// </summary>
    public static PackRoles Find(IReadOnlyList<string> paths, string format, Func<int, string> pathOnDisk)
    {
        if (format != ModelFormat.Gguf) return new PackRoles(ModelFormat.PrimaryIndex(paths, format), null);
        var projectors = Enumerable.Range(0, paths.Count).Where(i => IsProjector(pathOnDisk(i))).ToList();
        if (projectors.Count > 1)
            throw new PackException($"manifest files: '{paths[projectors[0]]}' and '{paths[projectors[1]]}' are both vision projectors; a pack holds one");
        var others = Enumerable.Range(0, paths.Count).Except(projectors).ToList();
        if (others.Count == 0)
            throw new PackException($"'{paths[projectors[0]]}' is a vision projector (mmproj); a pack needs its language model beside it");
        var model = others[ModelFormat.PrimaryIndex(others.Select(i => paths[i]), format)];
        return new PackRoles(model, projectors.Count == 1 ? projectors[0] : null);
    }

    /// <summary>True for a readable GGUF file of the projector architecture; anything else (not GGUF, unreadable) is not one.</summary>
    public static bool IsProjector(string path)
    {
        try
        {
            using (var stream = File.OpenRead(path))
            {
                Span<byte> magic = stackalloc byte[4];
                if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8)) return false;
            }
            return GgufReader.ReadFile(path).Metadata.TryGetValue("general.architecture", out var arch) && arch as string == ProjectorArchitecture;
        }
        catch (GgufFormatException)
        {
            return false;
        }
    }
}
