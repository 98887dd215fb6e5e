using Airgap.Analytics.LogAnalysis;
using Airgap.Inference.Chat;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Errors;
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

/// <summary>A temp home with the tiny synthetic chat model as tiny:test 1.0.0, a scheduler over it, and the analysis cache.</summary>
public sealed class LogModelSite : IDisposable
{
    public LogModelSite()
    {
        Root = Directory.CreateTempSubdirectory("airgap-loganalysis-").FullName;
        Home = new AirgapHome(Path.Combine(Root, "home"));
        Registry = new ModelRegistry(Home.RegistryPath);
        Import("1.0.0", seed: 42);
        Host = new ModelHost(Registry, Home, new LlamaRunnerFactory(NullLoggerFactory.Instance, TimeProvider.System),
            new InferenceOptions { ContextLength = 2048, Threads = 2 }, TimeProvider.System);
        Scheduler = new InferenceScheduler(Host, TimeProvider.System);
        Chat = new AirgapChatClient(Scheduler);
        Cache = new LogAnalysisCache(Path.Combine(Home.AnalyticsDirectory, LogAnalysisCache.FileName));
    }

    public string Root { get; }
    public AirgapHome Home { get; }
    public ModelRegistry Registry { get; }
    public ModelHost Host { get; }
    public InferenceScheduler Scheduler { get; }
    public IChatClient Chat { get; }
    public LogAnalysisCache Cache { get; }

    /// <summary>The registry's answer to "which version would answer": reference and digest, null when not installed.</summary>
    public string? Version(string model)
    {
        try
        {
            var v = Registry.Resolve(model);
            return $"{v.Reference} {v.Digest}";
        }
        catch (ModelNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Registers (and activates) another version of tiny:test, with weights from <paramref name="seed"/>.</summary>
    public void Import(string version, ulong seed)
    {
        var model = Path.Combine(Root, $"tiny-{version}.gguf");
        SyntheticModelWriter.Write(model, SyntheticPreset.Tiny, seed: seed);
        new ModelImporter(Home, Registry, new HeaderValidator())
            .ImportFileAsync(ImportSource.FromFile(model, ModelName.Parse("tiny:test"), SemanticVersion.Parse(version)),
                new ImportOptions(Activate: true, AllowUnsigned: true), null, default).GetAwaiter().GetResult();
    }

    /// <summary>An analyzer over this site with <paramref name="options"/> (default: tiny:test, generous timeout).</summary>
    public TemplateAnalyzer Analyzer(AnalyticsOptions? options = null, LogRuleSet? rules = null, IChatClient? chat = null) =>
        new(chat ?? Chat, Version, rules ?? LogRuleSet.Shipped, Cache, options ?? Options());

    public static AnalyticsOptions Options() => new() { LogModel = "tiny:test", ModelTimeout = TimeSpan.FromMinutes(5) };

    public void Dispose()
    {
        Host.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
