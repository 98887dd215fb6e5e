using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Inference.Tests;

/// <summary>A temp home with three tiny models (a:1, b:1, c:1) registered, a fake clock, and the scripted runner factory.</summary>
public sealed class ScriptedModelSite : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("airgap-host-").FullName;

    public ScriptedModelSite()
    {
        Home = new AirgapHome(Path.Combine(_root, "home"));
        Registry = new ModelRegistry(Home.RegistryPath);
        Importer = new ModelImporter(Home, Registry, new HeaderValidator());
        foreach (var (name, seed) in new[] { ("a:1", 1UL), ("b:1", 2UL), ("c:1", 3UL) })
        {
            var file = Path.Combine(_root, $"{seed}.gguf");
            SyntheticModelWriter.Write(file, SyntheticPreset.Tiny, seed: seed);
            Importer.ImportFileAsync(ImportSource.FromFile(file, ModelName.Parse(name), SemanticVersion.Parse("1.0.0")),
                new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult();
        }
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));
    public ScriptedRunnerFactory Factory { get; } = new();
    public AirgapHome Home { get; }
    public ModelRegistry Registry { get; }
    public ModelImporter Importer { get; }

    public ModelHost Host(InferenceOptions? options = null) =>
        new(Registry, Home, Factory, options ?? new InferenceOptions { MemoryBudgetBytes = 1_000_000 }, Clock);

    public static IReadOnlyList<string> Loaded(ModelHost host) => host.Loaded.Select(m => m.Version.Name).Order().ToList();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
