using System.CommandLine;
using System.Text.Json;
using Airgap.Cli.Output;
using Airgap.Server.Ollama;

namespace Airgap.Cli.Commands;

/// <summary>`airgap stop MODEL`: unloads a model from a running server, as `ollama stop` does (/api/generate with keep_alive 0).</summary>
public static class StopCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "NAME:TAG of a loaded model (see 'airgap ps')" }.RefusingOptions();
        var connection = new ServerConnectionOptions($"The server (default: $AIRGAP_URL, else the Urls a server on this data home is set to listen on, else {ServerClient.DefaultUrl})");
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("stop", "Unload a model from a running server now") { model, json };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var name = parse.GetValue(model)!;
            using var server = new ServerClient(connection.Resolve(parse));
            var ps = JsonSerializer.Deserialize<OllamaPsResponse>(await server.GetAsync("/api/ps", cancellationToken))
                ?? throw new InvalidDataException($"{server.Url}api/ps answered no status");
            var bare = name.Split('@')[0];
            var loaded = ps.Models.FirstOrDefault(m => m.Name == bare || m.Name == bare + ":latest");
            if (loaded is null)
                throw new ArgumentException(ps.Models.Count == 0
                    ? $"model '{name}' is not loaded at {server.Url}: no model is loaded"
                    : $"model '{name}' is not loaded at {server.Url}; loaded: {string.Join(", ", ps.Models.Select(m => m.Name))}");
            await server.PostAsync("/api/generate", new OllamaGenerateRequest(loaded.Name, null, null, null, null, null, false, null,
                JsonSerializer.SerializeToElement(0), null), cancellationToken);
            if (parse.GetValue(json))
                CliOutput.WriteJson(new { Model = loaded.Name, Stopped = true, Server = server.Url.ToString(), FreedBytes = loaded.Size });
            else
                CliOutput.Line($"stopped {loaded.Name} ({CliOutput.Bytes(loaded.Size)} freed at {server.Url})");
            return 0;
        }));
        return command;
    }
}
