using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Storage;
using Airgap.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>`airgap serve`: the local service, on loopback by default; options override airgap.json in the home.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Listen addresses (default {ServerOptions.DefaultUrls})" };
        var watch = new Option<string[]>("--watch") { Description = "Import packs that appear in this folder (repeatable)" };
        var sources = new Option<string[]>("--pack-source") { Description = "A folder /api/pull looks in for packs (repeatable)" };
        var apiKeys = new Option<string[]>("--api-key") { Description = "KEY or KEY:admin; when set, every endpoint but /health needs one (repeatable)" };
        var parallel = new Option<int?>("--parallel") { Description = "Sequences decoded together per model (default 4)" };
        var context = new Option<int?>("--ctx") { Description = "Context window per sequence in tokens (default 4096)" };
        var threads = new Option<int?>("--threads") { Description = "Decode threads (default: one per core)" };
        var maxLoaded = new Option<int?>("--max-loaded") { Description = "Models kept loaded at once (default 2)" };
        var maxQueue = new Option<int?>("--max-queue") { Description = "Requests waiting per model before 503 (default 256)" };
        var command = new Command("serve", "Run the HTTP service (Ollama and OpenAI APIs) on 127.0.0.1:8080")
            { urls, watch, sources, apiKeys, parallel, context, threads, maxLoaded, maxQueue };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var home = AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption));
            var overrides = new ServerConfigFile(
                Urls: parse.GetValue(urls), Watch: parse.GetValue(watch), PackSources: parse.GetValue(sources), ApiKeys: parse.GetValue(apiKeys),
                Parallel: parse.GetValue(parallel), ContextLength: parse.GetValue(context), Threads: parse.GetValue(threads),
                MaxLoaded: parse.GetValue(maxLoaded), MaxQueue: parse.GetValue(maxQueue));
            overrides.Validate("command line");
            var options = ServerConfigFile.Read(home).Apply(overrides, home.Root);
            var app = AirgapServer.Build(home, options, CliSite.SmokeTestValidator(CliSite.ValidationTimeout));
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
