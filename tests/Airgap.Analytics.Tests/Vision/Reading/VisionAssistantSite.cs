using Airgap.Inference.Chat;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Airgap.Tests.Shared;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>
/// A temp home with the tiny vision-language pair (language model + Idefics3 projector, random weights) imported as
/// the signed pack smol:test, the tiny text model as tiny:test, and the engine's own chat client over both.
/// </summary>
public sealed class VisionAssistantSite : IDisposable
{
    public const string VisionModel = "smol:test";
    public const string TextModel = "tiny:test";

    public VisionAssistantSite()
    {
        Root = Directory.CreateTempSubdirectory("airgap-display-vlm-").FullName;
        var home = new AirgapHome(Path.Combine(Root, "home"));
        var registry = new ModelRegistry(home.RegistryPath);
        var importer = new ModelImporter(home, registry, new HeaderValidator());
        TinyVisionPack.ImportAsync(Root, home, importer, VisionModel).GetAwaiter().GetResult();
        var text = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(text, SyntheticPreset.Tiny);
        importer.ImportFileAsync(ImportSource.FromFile(text, ModelName.Parse(TextModel), SemanticVersion.Parse("1.0.0")),
            new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult();
        Host = new ModelHost(registry, home, new LlamaRunnerFactory(NullLoggerFactory.Instance, TimeProvider.System),
            new InferenceOptions { ContextLength = 4096, Threads = 2, Parallel = 1 }, TimeProvider.System);
        Chat = new AirgapChatClient(new InferenceScheduler(Host, TimeProvider.System));
    }

    public string Root { get; }
    public ModelHost Host { get; }
    public IChatClient Chat { get; }

    public void Dispose()
    {
        Host.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
