using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;

namespace Airgap.Tests.Shared;

/// <summary>
/// The tiny vision-language pair (the tiny language model and an Idefics3 projector, random weights) written under a
/// test's root, packed and signed by a vendor key the home trusts, and imported: what every vision test site starts from.
/// </summary>
internal static class TinyVisionPack
{
    public static async Task ImportAsync(string root, AirgapHome home, ModelImporter importer, string name = "smol:test")
    {
        var model = Path.Combine(root, "tiny-vlm.gguf");
        var projector = Path.Combine(root, "mmproj-tiny-vlm.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.TinyVision);
        SyntheticProjectorWriter.Write(projector, SyntheticProjectorPreset.Tiny);
        var (key, publicKey) = SigningKeys.Create(Path.Combine(root, "keys", "vendor"));
        new TrustedKeyStore(home).Trust(publicKey);
        var pack = Path.Combine(root, "smol-pack");
        using (var signing = SigningKeys.LoadPrivate(key))
            await PackWriter.WriteAsync(pack, new PackRequest(ModelName.Parse(name), SemanticVersion.Parse("1.0.0"), null, null, null),
                [(model, "model.gguf"), (projector, "mmproj.gguf")], signing);
        await importer.ImportPackAsync(pack, new ImportOptions(), null, default);
    }
}
