using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Storage;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>`airgap serve`: the local service, on loopback by default; options override AIRGAP_* variables and airgap.json.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        // Values are taken as text and checked with airgap.json's rules, so "--parallel four" is refused the same way.
        var urls = new Option<string?>("--urls") { Description = $"Listen addresses (default {ServerOptions.DefaultUrls})" };
        var watch = new Option<string[]>("--watch") { Description = "Import packs that appear in this folder (repeatable)" };
        var sources = new Option<string[]>("--pack-source") { Description = "A folder /api/pull looks in for packs (repeatable)" };
        var apiKeys = new Option<string[]>("--api-key") { Description = "KEY or KEY:admin; when set, every endpoint but /health needs one (repeatable)" };
        var parallel = new Option<string?>("--parallel") { Description = "Sequences decoded together per model (default 4)" };
        var context = new Option<string?>("--ctx") { Description = "Context window per sequence in tokens (default 4096)" };
        var threads = new Option<string?>("--threads") { Description = "Decode threads (default: one per core)" };
        var maxLoaded = new Option<string?>("--max-loaded") { Description = "Models kept loaded at once (default 2)" };
        var maxQueue = new Option<string?>("--max-queue") { Description = "Requests waiting per model before 503 (default 256)" };
        var logFormat = new Option<string?>("--log-format") { Description = "Console log format: simple (default) or json" };
        var gateway = new Option<bool>("--gateway") { Description = "Serve as an edge gateway: requests become jobs on NATS JetStream for `airgap worker`s" };
        var nats = new Option<string?>("--nats") { Description = "NATS address(es) of the gateway's job stream, nats://HOST:PORT (comma-separated for a cluster)" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "The server's certificate, PEM, for https:// listen addresses" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "Its private key, PEM (when not in the certificate file)" };
        var clientCa = new Option<string?>("--client-ca") { Description = "CA (PEM) of the clients' certificates: mutual TLS, the certificate is the caller" };
        var grpcUrl = new Option<string?>("--grpc-url") { Description = "An HTTP/2-only address for gRPC in the clear, e.g. http://127.0.0.1:8081 (over HTTPS the listen addresses serve gRPC)" };
        var command = new Command("serve", "Run the HTTP service (Ollama and OpenAI APIs) on 127.0.0.1:8080; see docs/configuration.md")
            { urls, watch, sources, apiKeys, parallel, context, threads, maxLoaded, maxQueue, gateway, nats, tlsCert, tlsKey, clientCa, grpcUrl, logFormat };
        var single = new (Option<string?> Option, string Key)[]
        {
            (urls, "Urls"), (parallel, "Inference:Parallel"), (context, "Inference:ContextLength"), (threads, "Inference:Threads"),
            (maxLoaded, "Inference:MaxLoadedModels"), (maxQueue, "Inference:MaxQueue"), (nats, "Gateway:Nats"), (logFormat, "LogFormat"),
            (tlsCert, "Tls:CertificateFile"), (tlsKey, "Tls:KeyFile"), (clientCa, "Tls:ClientCaFile"), (grpcUrl, "Grpc:Url"),
        };
        var lists = new (Option<string[]> Option, string Key)[] { (watch, "Watch"), (sources, "PackSources"), (apiKeys, "ApiKeys") };
        var optionNames = single.Select(s => (s.Option.Name, s.Key)).Concat(lists.Select(l => (l.Option.Name, l.Key)))
            .Append((Name: gateway.Name, Key: "Gateway:Enabled"))
            .ToDictionary(x => x.Key, x => x.Name, StringComparer.OrdinalIgnoreCase);

        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var home = AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption));
            var commandLine = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (option, key) in single)
            {
                if (parse.GetValue(option) is { } value) commandLine[key] = value;
            }
            if (parse.GetValue(gateway)) commandLine["Gateway:Enabled"] = "true";
            foreach (var (option, key) in lists)
            {
                var values = parse.GetValue(option) ?? [];
                for (var i = 0; i < values.Length; i++) commandLine[$"{key}:{i}"] = values[i];
            }
            var options = AirgapConfiguration.Load(home, commandLine, optionNames).ToServerOptions();
            var app = AirgapServer.Build(home, options, CliSite.SmokeTestValidator(CliSite.ValidationTimeout));
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException)
            {
                throw new IOException(options.Grpc.Enabled
                    ? $"{options.Urls} or {options.Grpc.Url}: a port is already in use (another airgap serve?); choose others with --urls and --grpc-url"
                    : $"{options.Urls}: the port is already in use (another airgap serve?); choose another with --urls or 'urls' in airgap.json");
            }
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
