using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Cli.Service;
using Airgap.Server.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>`airgap service unit`: the systemd unit install.sh installs, with the subnets airgap.json allows.</summary>
public static class ServiceCommand
{
    public static Command Create()
    {
        var command = new Command("service", "Run Airgap as an operating-system service (install.sh and install.ps1 use this)");
        command.Subcommands.Add(Unit());
        return command;
    }

    private static Command Unit()
    {
        var defaults = ServicePaths.Default;
        var executable = new Option<string>("--exec") { Description = "The installed executable", DefaultValueFactory = _ => defaults.Executable };
        var user = new Option<string>("--user") { Description = "The account the service runs as", DefaultValueFactory = _ => defaults.User };
        var config = new Option<string>("--config") { Description = "The settings file (AllowedSubnets are read from it)", DefaultValueFactory = _ => defaults.Config };
        var command = new Command("unit", "Print the systemd unit for `airgap serve` as a hardened Type=notify service") { executable, user, config };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var configFile = Path.GetFullPath(parse.GetValue(config)!);
            var paths = new ServicePaths(parse.GetValue(executable)!, parse.GetValue(user)!, parse.GetValue(CliApp.HomeOption) ?? defaults.Home, configFile);
            Console.Out.Write(SystemdUnit.Render(paths, AllowedSubnets(configFile)));
            return Task.FromResult(0);
        }));
        return command;
    }

    // Read from the file the unit will name, so what the unit lets through is what the service is configured for.
    private static List<string> AllowedSubnets(string configFile)
    {
        var subnets = new ServerConfigFile(configFile).Read()
            .Where(p => p.Key.StartsWith(nameof(AirgapOptions.AllowedSubnets) + ":", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value ?? "").ToList();
        if (subnets.Select(AirgapOptions.SubnetProblem).FirstOrDefault(p => p is not null) is { } problem)
            throw new ArgumentException($"{configFile}: AllowedSubnets: {problem}");
        return subnets;
    }
}
