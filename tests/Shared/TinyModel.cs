using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;

namespace Airgap.Tests.Shared;

/// <summary>The tiny synthetic model (random weights, a real shape) written under a test's root and imported unsigned: what a server test serves.</summary>
internal static class TinyModel
{
    public static async Task ImportAsync(string root, AirgapHome home, string name = "tiny:test", string version = "1.0.0")
    {
        var model = Path.Combine(root, "tiny.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        await new ModelImporter(home, new ModelRegistry(home.RegistryPath), new HeaderValidator()).ImportFileAsync(
            ImportSource.FromFile(model, ModelName.Parse(name), SemanticVersion.Parse(version)), new ImportOptions(AllowUnsigned: true), null, default);
    }
}
