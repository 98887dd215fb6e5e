using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Gateway;
using Airgap.Models.Storage;
using Airgap.Server.Hosting;
using Airgap.Server.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>`airgap worker`: runs jobs from a gateway's NATS JetStream queue on this machine's engine.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var nats = new Option<string?>("--nats") { Description = "NATS address(es) of the gateway's job stream, nats://HOST:PORT (comma-separated for a cluster)" };
        var models = new Option<string[]>("--models") { Description = "Models to serve (default: every language model in the registry)", AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<string?>("--parallel") { Description = "Jobs run together per model (default 4)" };
        var context = new Option<string?>("--ctx") { Description = "Context window per sequence in tokens (default 4096)" };
        var threads = new Option<string?>("--threads") { Description = "Decode threads (default: one per core)" };
        var metrics = new Option<string?>("--metrics-url") { Description = "Serve this worker's Prometheus metrics at http://HOST:PORT/metrics (default: none)" };
        var command = new Command("worker", "Run jobs from an edge gateway's queue (NATS JetStream) on this machine; see docs/gateway.md")
            { nats, models, parallel, context, threads, metrics };
        var single = new (Option<string?> Option, string Key)[]
        {
            (nats, "Gateway:Nats"), (metrics, "Gateway:WorkerMetricsUrl"), (parallel, "Inference:Parallel"), (context, "Inference:ContextLength"), (threads, "Inference:Threads"),
        };
        var optionNames = single.ToDictionary(s => s.Key, s => s.Option.Name, StringComparer.OrdinalIgnoreCase);

        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var home = AirgapHome.Resolve(parse.GetValue(CliApp.HomeOption));
            var commandLine = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (option, key) in single)
            {
                if (parse.GetValue(option) is { } value) commandLine[key] = value;
            }
            var options = AirgapConfiguration.Load(home, commandLine, optionNames);
            var extensions = options.Gateway.WorkerMetricsUrl is { Length: > 0 } url ? WorkerMetrics.At(url) : null;
            using var host = WorkerHost.Build(home, options.Inference, options.Gateway, parse.GetValue(models) ?? [], extensions);
            await host.RunAsync(cancellationToken);
            // A worker that stopped on a fault (NATS refused the stream, a loop failed) exits 1, so a service manager restarts it.
            var worker = host.Services.GetServices<IHostedService>().OfType<JobWorker>().Single();
            if (worker.ExecuteTask is { IsFaulted: true } failed)
            {
                Console.Error.WriteLine($"error: the worker stopped: {failed.Exception!.GetBaseException().Message}");
                return 1;
            }
            return 0;
        }));
        return command;
    }
}
