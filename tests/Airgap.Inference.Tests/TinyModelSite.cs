using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Inference.Tests;

/// <summary>A temp home with the tiny synthetic model registered as tiny:test, and a scheduler over it.</summary>
public sealed class TinyModelSite : IDisposable
{
    public TinyModelSite(InferenceOptions? options = null)
    {
        Root = Directory.CreateTempSubdirectory("airgap-inference-").FullName;
        Home = new AirgapHome(Path.Combine(Root, "home"));
        Registry = new ModelRegistry(Home.RegistryPath);
        var model = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny);
        new ModelImporter(Home, Registry, new HeaderValidator())
            .ImportFileAsync(ImportSource.FromFile(model, ModelName.Parse("tiny:test"), SemanticVersion.Parse("1.0.0")),
                new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult();
        Host = new ModelHost(Registry, Home, new LlamaRunnerFactory(NullLoggerFactory.Instance, TimeProvider.System),
            options ?? new InferenceOptions { ContextLength = 512, Threads = 2 }, TimeProvider.System);
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
