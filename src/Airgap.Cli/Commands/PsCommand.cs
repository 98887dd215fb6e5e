using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Airgap.Cli.Output;
using Airgap.Server.Ollama;

namespace Airgap.Cli.Commands;

/// <summary>`airgap ps`: what a running server has loaded and, at a gateway, its workers, queue and callers.</summary>
public static class PsCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = $"The server to ask (default: $AIRGAP_URL, else {DefaultUrl}); $AIRGAP_API_KEY is sent as its key" };
        var json = new Option<bool>("--json") { Description = "Print the server's /api/ps answer as JSON" };
        var command = new Command("ps", "Show a running server's loaded models and, at a gateway, its workers, queue per model and priority, and callers")
            { url, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var server = ServerUrl(parse.GetValue(url));
            var body = await GetAsync(server, "/api/ps", cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.Line(body);
                return 0;
            }
            var ps = JsonSerializer.Deserialize<OllamaPsResponse>(body)
                ?? throw new InvalidDataException($"{server}/api/ps answered no status");
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

    /// <summary>The server a client verb talks to: --url, else $AIRGAP_URL, else the default loopback address.</summary>
    public static Uri ServerUrl(string? given)
    {
        var text = given ?? Environment.GetEnvironmentVariable("AIRGAP_URL") ?? DefaultUrl;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"'{text}' is not a server address: write http://HOST:PORT");
    }

    private static async Task<string> GetAsync(Uri server, string path, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        if (Environment.GetEnvironmentVariable("AIRGAP_API_KEY") is { Length: > 0 } key) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(path, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"no Airgap server answers at {server} ({e.Message}); start one with 'airgap serve', or name it with --url or AIRGAP_URL");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode) throw new IOException($"{server}{path.TrimStart('/')} answered {(int)response.StatusCode}: {body}");
            return body;
        }
    }
}
