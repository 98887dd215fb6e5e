using System.CommandLine;
using System.Security.Cryptography;
using Airgap.Cli.Output;
using Airgap.Server.Hosting;

namespace Airgap.Cli.Commands;

/// <summary>
/// `airgap keys api create|list|remove`: the server's API keys, kept as SHA-256 digests in the data home's api-keys file
/// (a running server reads it again within a second); each change goes into the audit trail with the OS user who made it.
/// </summary>
public static class ApiKeysCommand
{
    public static Command Create()
    {
        var command = new Command("api", "API keys of the HTTP service (kept hashed in the data home's api-keys file)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static ApiKeyFile FileOf(CliSite site) => new(Path.Combine(site.Home.Root, ApiKeyFile.FileName));

    private static Command CreateKey()
    {
        var scope = new Option<string>("--scope") { Description = "inference (generate, chat, embed, list) or admin (also change models)", DefaultValueFactory = _ => ApiKey.Inference };
        scope.AcceptOnlyFromAmong(ApiKey.Inference, ApiKey.Admin);
        var name = new Option<string?>("--name") { Description = "What the key is for (a workstation, a line), kept beside it" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("create", "Make an API key; it is printed once and only its digest is kept") { scope, name, json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            if (parse.GetValue(name) is { } label && label.Any(char.IsControl))
                throw new ArgumentException("--name must be one line of text (no control characters)");
            var site = CliSite.Open(parse);
            var secret = "ag_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var key = new ApiKey(ApiKey.DigestOf(secret), parse.GetValue(scope)!);
            var note = $"{parse.GetValue(name) ?? "unnamed"}, created {DateTimeOffset.UtcNow:yyyy-MM-dd} by {Environment.UserName}";
            FileOf(site).Add(key, note);
            site.Registry.RecordEvent("create-api-key", null, null, $"{key.Id} scope {key.Scope} ({note})");
            if (parse.GetValue(json)) CliOutput.WriteJson(new { key = secret, id = key.Id, scope = key.Scope });
            else
            {
                CliOutput.Line(secret);
                Console.Error.WriteLine($"{key.Id} ({key.Scope}): shown once, keep it now; a running server on this data home takes it within a second");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List the API keys of the key file (ids and scopes, never the keys)") { json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var entries = FileOf(CliSite.Open(parse)).Read();
            if (parse.GetValue(json)) CliOutput.WriteJson(entries.Select(e => new { id = e.Key.Id, scope = e.Key.Scope, note = e.Note }));
            else CliOutput.Table(["ID", "SCOPE", "NOTE"], entries.Select(e => (IReadOnlyList<string>)[e.Key.Id, e.Key.Scope, e.Note]));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("ID") { Description = "The key's id as `keys api list` shows it (key:0123456789ab)" };
        var command = new Command("remove", "Revoke an API key: a running server refuses it within a second") { id };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var site = CliSite.Open(parse);
            var removed = FileOf(site).Remove(parse.GetValue(id)!);
            if (removed.Count == 0) throw new ArgumentException($"no API key {parse.GetValue(id)} in {FileOf(site).Path}; see 'airgap keys api list'");
            foreach (var entry in removed)
                site.Registry.RecordEvent("remove-api-key", null, null, $"{entry.Key.Id} scope {entry.Key.Scope}");
            CliOutput.Line($"removed {string.Join(", ", removed.Select(e => e.Key.Id).Distinct())}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
