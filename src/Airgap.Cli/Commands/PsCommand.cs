using System.CommandLine;
using System.Text.Json;
using Airgap.Cli.Output;
using Airgap.Server.Ollama;

namespace Airgap.Cli.Commands;

/// <summary>`airgap ps`: what a running server has loaded and, at a gateway, its workers, queue and callers.</summary>
public static class PsCommand
{
    public static Command Create()
    {
        var connection = new ServerConnectionOptions($"The server to ask (default: $AIRGAP_URL, else the Urls a server on this data home is set to listen on, else {ServerClient.DefaultUrl})");
        var json = new Option<bool>("--json") { Description = "Print the server's /api/ps answer as JSON" };
        var command = new Command("ps", "Show a running server's loaded models and, at a gateway, its workers, queue per model and priority, and callers")
            { json };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            using var server = new ServerClient(connection.Resolve(parse));
            var body = await server.GetAsync("/api/ps", cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.Line(body);
                return 0;
            }
            var ps = JsonSerializer.Deserialize<OllamaPsResponse>(body)
                ?? throw new InvalidDataException($"{server.Url}api/ps answered no status");
            Print(ps);
            return 0;
        }));
        return command;
    }

    private static void Print(OllamaPsResponse ps)
    {
        if (ps.Models.Count == 0 && ps.Gateway is null) CliOutput.Line("no model is loaded");
        if (ps.Models.Count > 0)
            CliOutput.Table(["NAME", "SIZE", "RUNNING", "QUEUED", "COMPLETED", "EXPIRES"], ps.Models.Select(m => (IReadOnlyList<string>)
                [m.Name, CliOutput.Bytes(m.Size), m.Running.ToString(), m.Queued.ToString(), m.Completed.ToString(),
                 m.ExpiresAt == DateTimeOffset.MaxValue ? "never" : m.ExpiresAt.ToLocalTime().ToString("HH:mm:ss")]));
        if (ps.Gateway is not { } gateway) return;
        if (gateway.Problem is { } problem) CliOutput.Line($"gateway: {problem}");
        CliOutput.Line(gateway.Workers.Count == 0 ? "gateway: no worker is up" : $"gateway: {gateway.Workers.Count} worker(s)");
        if (gateway.Workers.Count > 0)
            CliOutput.Table(["WORKER", "HOST", "MODELS", "SLOTS IN USE", "COMPLETED"], gateway.Workers.Select(w => (IReadOnlyList<string>)
                [w.Id, w.Host, string.Join(", ", w.Models), $"{w.Running}/{w.Parallel}", w.Completed.ToString()]));
        if (gateway.Queue.Count > 0)
            CliOutput.Table(["MODEL", "PRIORITY", "JOBS"], gateway.Queue.Select(q => (IReadOnlyList<string>)[q.Model, $"p{q.Priority}", q.Jobs.ToString()]));
        if (gateway.InFlight.Count > 0)
            CliOutput.Table(["CALLER", "IN FLIGHT"], gateway.InFlight.Select(c => (IReadOnlyList<string>)[c.Key, c.Value.ToString()]));
    }
}
