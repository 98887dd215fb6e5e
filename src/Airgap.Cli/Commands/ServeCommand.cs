using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Storage;
using Airgap.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>`airgap serve [--urls URLS] [--watch DIR]...`: the local service, on loopback by default.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Listen addresses (default {ServerOptions.DefaultUrls}, or airgap.json's urls)" };
        var watch = new Option<string[]>("--watch") { Description = "Import packs that appear in this folder (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Run the HTTP service (Ollama and OpenAI APIs) on 127.0.0.1:8080") { urls, watch };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var home = AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption));
            var options = ServerConfigFile.Read(home).Apply(parse.GetValue(urls), parse.GetValue(watch) ?? [], home.Root);
            var app = AirgapServer.Build(home, options, CliSite.SmokeTestValidator(CliSite.ValidationTimeout));
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
