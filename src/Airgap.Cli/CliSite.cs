using System.CommandLine;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Storage;
using Airgap.Cli.Commands;
using Airgap.Models.Validation;

namespace Airgap.Cli;

/// <summary>The data home a command works on, and the registry services over it.</summary>
public sealed class CliSite
{
    private CliSite(AirgapHome home)
    {
        Home = home;
        Registry = new ModelRegistry(home.RegistryPath);
        Validator = SmokeTestValidator(ValidationTimeout);
        Importer = new ModelImporter(home, Registry, Validator);
    }

    /// <summary>How long the load-and-generate test of an imported model may take.</summary>
    public static TimeSpan ValidationTimeout { get; } = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("AIRGAP_VALIDATION_TIMEOUT_SECONDS"), out var s) && s > 0 ? s : 300);

    public AirgapHome Home { get; }
    public ModelRegistry Registry { get; }
    public IModelValidator Validator { get; }
    public ModelImporter Importer { get; }

    /// <summary>
    /// The inference settings a server on this home would run with (airgap.json, then AIRGAP_* variables); the defaults,
    /// with <paramref name="problem"/> saying why, when those settings do not load.
    /// </summary>
    public Airgap.Inference.Scheduling.InferenceOptions ServedInference(out string? problem)
    {
        problem = null;
        try
        {
            return Airgap.Server.Hosting.AirgapConfiguration.Load(Home, new Dictionary<string, string?>(), new Dictionary<string, string>()).Inference;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return new Airgap.Inference.Scheduling.InferenceOptions();
        }
    }

    /// <summary>Opens the home named by --home, AIRGAP_HOME or the default.</summary>
    public static CliSite Open(ParseResult parse) => new(AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption)));

    /// <summary>
    /// Validation that loads the model in llama.cpp in a child process of this same executable
    /// (`airgap validate-model`), so a native crash on a bad file cannot take the caller down.
    /// </summary>
    public static IModelValidator SmokeTestValidator(TimeSpan timeout)
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var runsUnderDotnetHost = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var arguments = runsUnderDotnetHost
            ? new List<string> { Path.Combine(AppContext.BaseDirectory, typeof(CliSite).Assembly.GetName().Name + ".dll"), ValidateModelCommand.Name }
            : [ValidateModelCommand.Name];
        return new ChildProcessValidator(processPath, arguments, timeout, new HeaderValidator());
    }
}
