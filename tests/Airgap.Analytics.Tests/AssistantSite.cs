using Airgap.Inference.Chat;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Analytics.Tests;

/// <summary>
/// A temp home with the tiny synthetic model registered as tiny:test, and the engine's own chat client and embedding
/// generator over it: the model classifies and suggests (random weights, but held to the grammar) and embeds (the
/// same text always gives the same vector).
/// </summary>
public sealed class AssistantSite : IDisposable
{
    public const string Model = "tiny:test";

    public AssistantSite()
    {
        Root = Directory.CreateTempSubdirectory("airgap-analytics-").FullName;
        Home = new AirgapHome(Path.Combine(Root, "home"));
        var registry = new ModelRegistry(Home.RegistryPath);
        var file = Path.Combine(Root, "tiny.gguf");
        SyntheticModelWriter.Write(file, SyntheticPreset.Tiny);
        new ModelImporter(Home, registry, new HeaderValidator())
            .ImportFileAsync(ImportSource.FromFile(file, ModelName.Parse(Model), SemanticVersion.Parse("1.0.0")),
                new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult();
        Host = new ModelHost(registry, Home, new LlamaRunnerFactory(NullLoggerFactory.Instance, TimeProvider.System),
            new InferenceOptions { ContextLength = 512, Threads = 2 }, TimeProvider.System);
        var scheduler = new InferenceScheduler(Host, TimeProvider.System);
        Chat = new AirgapChatClient(scheduler);
        Embedder = new AirgapEmbeddingGenerator(scheduler);
    }

    public string Root { get; }
    public AirgapHome Home { get; }
    public ModelHost Host { get; }
    public IChatClient Chat { get; }
    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    /// <summary>Settings that ask tiny:test for everything, with the changes a test names.</summary>
    public static AnalyticsOptions Options(Func<AnalyticsOptions, AnalyticsOptions>? change = null)
    {
        var options = new AnalyticsOptions { ClassifyModel = Model, AutocompleteModel = Model, EmbeddingModel = Model };
        return change is null ? options : change(options);
    }

    public void Dispose()
    {
        Host.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
