using System.CommandLine;
using Airgap.Cli.Commands;
using Airgap.Cli.Output;

namespace Airgap.Cli;

/// <summary>The `airgap` command line: every verb, each working on the registry directly.</summary>
public static class CliApp
{
    /// <summary>--home DIR, on every verb.</summary>
    public static Option<string?> HomeOption { get; } = new("--home")
    {
        Description = "Data home (default: $AIRGAP_HOME, else ~/.airgap)",
        Recursive = true,
    };

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Airgap: the offline AI stack — model registry, signed transfer, local inference");
        root.Options.Add(HomeOption);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(PsCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(PullCommand.Create());
        root.Subcommands.Add(StopCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(PackCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(ValidateModelCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(AnomalyCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(VisionCommand.Create());
        root.Subcommands.Add(BundleCommand.Create());
        root.Subcommands.Add(ServiceCommand.Create());
        var parse = root.Parse(args);
        // A bare `airgap` keeps System.CommandLine's help; any other mistake is one line and exit 2 (1 is a refusal or failure).
        if (parse.Errors.Count > 0 && args.Length > 0)
        {
            Console.Error.WriteLine($"error: {UsageError.Describe(parse)}");
            return UsageError.ExitCode;
        }
        // `run` keeps Ctrl+C for itself: it stops the answer, not the session.
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            ProcessTerminationTimeout = parse.CommandResult.Command.Name == RunCommand.Name ? null : TimeSpan.FromSeconds(2),
        });
    }
}
