using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Airgap.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Inference.Tests;

/// <summary>
/// A temp home with the tiny vision-language pair (language model + Idefics3 projector, random weights) imported as
/// a pack, smol:test, and the tiny text model as tiny:test; a scheduler over both.
/// </summary>
public sealed class VisionModelSite : IDisposable
{
    public VisionModelSite(InferenceOptions? options = null)
    {
        Root = Directory.CreateTempSubdirectory("airgap-vision-").FullName;
        Home = new AirgapHome(Path.Combine(Root, "home"));
        Registry = new ModelRegistry(Home.RegistryPath);
        var importer = new ModelImporter(Home, Registry, new HeaderValidator());
        TinyVisionPack.ImportAsync(Root, Home, importer).GetAwaiter().GetResult();
        var text = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(text, SyntheticPreset.Tiny);
        importer.ImportFileAsync(ImportSource.FromFile(text, ModelName.Parse("tiny:test"), SemanticVersion.Parse("1.0.0")),
            new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult();
        Host = new ModelHost(Registry, Home, new LlamaRunnerFactory(NullLoggerFactory.Instance, TimeProvider.System),
            options ?? new InferenceOptions { ContextLength = 1024, Threads = 2, Parallel = 2 }, TimeProvider.System);
        Scheduler = new InferenceScheduler(Host, TimeProvider.System);
    }

    public string Root { get; }
    public AirgapHome Home { get; }
    public ModelRegistry Registry { get; }
    public ModelHost Host { get; }
    public InferenceScheduler Scheduler { get; }

    public void Dispose()
    {
        Host.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
