using System.CommandLine;
using System.Text.RegularExpressions;
using Airgap.Cli.Output;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Signing;
using Airgap.Server.Hosting;
using Airgap.Server.Ollama;

namespace Airgap.Cli.Commands;

/// <summary>
/// `airgap pull NAME[@VERSION]`: Ollama's pull on the air-gapped side, from the configured pack sources — through a running
/// server's /api/pull when one answers at --url, otherwise straight into the data home, with every import check either way.
/// </summary>
public static partial class PullCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("NAME[@VERSION]") { Description = "The model to pull; without a version, the highest any pack source holds" }.RefusingOptions();
        var connection = new ServerConnectionOptions($"The server to pull through (default: $AIRGAP_URL, else the Urls a server on this data home is set to listen on, else {ServerClient.DefaultUrl}); when none answers, the pull is local");
        var sources = new Option<string[]>("--pack-source") { Description = "A folder of packs to pull from instead of the configured pack_sources (pulls locally)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        // A name or version that cannot be one is a usage error (exit 2), found before any server or folder is asked.
        reference.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || result.Tokens[0].Value.StartsWith('-')) return;
            var text = result.Tokens[0].Value;
            var at = text.IndexOf('@');
            if (!ModelName.TryParse(at < 0 ? text : text[..at], out _, out var error)) result.AddError(error);
            else if (at >= 0 && !SemanticVersion.TryParse(text[(at + 1)..], out _, out error)) result.AddError(error);
        });
        var command = new Command("pull", "Import a model by name from the pack sources (USB mounts, shares)") { reference, sources, json };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var text = parse.GetValue(reference)!;
            var at = text.IndexOf('@');
            var name = ModelName.Parse(at < 0 ? text : text[..at]);
            var version = at < 0 ? null : SemanticVersion.Parse(text[(at + 1)..]);
            var given = parse.GetValue(sources) ?? [];
            var report = new PhaseReport();
            if (given.Length == 0)
            {
                using var server = new ServerClient(connection.Resolve(parse));
                if (await server.AnswersAsync(cancellationToken))
                    return await ThroughServerAsync(server, text, report, parse.GetValue(json), cancellationToken);
                report.Phase("pull", $"no server answers at {server.Url}; pulling into this data home");
            }
            return await LocallyAsync(CliSite.Open(parse), name, version, given, report, parse.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> LocallyAsync(CliSite site, ModelName name, SemanticVersion? version, string[] given, PhaseReport report, bool json,
        CancellationToken cancellationToken)
    {
        var configured = AirgapConfiguration.Load(site.Home, new Dictionary<string, string?>(), new Dictionary<string, string>()).ToServerOptions();
        var folders = given.Length > 0 ? given.Select(Path.GetFullPath).ToList() : configured.WatchFolders.Concat(configured.PackSources).Distinct().ToList();
        var pack = new PackSources(folders).Find(name, version)
            ?? throw new ModelNotFoundException(version is null ? name.ToString() : $"{name}@{version}", folders.Count == 0
                ? ["(no pack sources are configured: pull --pack-source DIR, or pack_sources in airgap.json)"]
                : [$"(no pack of that name in {string.Join(", ", folders)})"]);
        report.Phase("verify", $"{pack.Name}@{pack.Version} in {pack.Directory}: checking its signature and manifest");
        var progress = new ImportPhaseProgress(pack.Manifest.Files.Count, report.Copy,
            () => report.Phase("import", $"{ImportPhaseProgress.ValidatingPhase} (load-and-generate test)"));
        var result = await site.Importer.ImportPackAsync(pack.Directory, new ImportOptions(), progress, cancellationToken);
        var v = result.Version;
        report.Phase("verify", $"sha256:{v.Digest} matches the manifest");
        report.Complete();
        if (json)
        {
            CliOutput.WriteJson(new { v.Name, v.Version, v.Digest, v.Size, v.IsActive, result.AlreadyRegistered, v.SignerKeyId, Validation = result.ValidationSummary,
                Source = pack.Directory, Server = (string?)null });
            return 0;
        }
        var signer = v.SignerKeyId is null ? "unsigned" : $"signed by {SigningKeys.ShortId(v.SignerKeyId)}";
        CliOutput.Line(result.AlreadyRegistered
            ? $"{v.Reference} is already registered with the same files; nothing to do"
            : $"pulled {v.Reference} ({CliOutput.Bytes(v.Size)}, {signer}){(v.IsActive ? ", active" : "")}: {result.ValidationSummary}");
        return 0;
    }

    private static async Task<int> ThroughServerAsync(ServerClient server, string model, PhaseReport report, bool json, CancellationToken cancellationToken)
    {
        string? reference = null, source = null, digest = null;
        var request = new OllamaPullRequest(model, null, true);
        await foreach (var status in server.StreamAsync<OllamaPullRequest, OllamaPullStatus>("/api/pull", request, s => s.Error, cancellationToken))
        {
            if (Manifest().Match(status.Status) is { Success: true } manifest)
            {
                (reference, source) = (manifest.Groups[1].Value, manifest.Groups[2].Value);
                report.Phase("verify", $"{reference} in {source} (at {server.Url}): checking its signature and manifest");
            }
            else if (status.Status.StartsWith("pulling ", StringComparison.Ordinal) && status.Total is { } total)
                report.Copy(new(status.Status["pulling ".Length..], status.Completed ?? 0, total));
            else if (status.Status == ImportPhaseProgress.ValidatingPhase)
                report.Phase("import", $"{ImportPhaseProgress.ValidatingPhase} (load-and-generate test)");
            else if (status.Digest is { } d)
            {
                digest = d;
                report.Phase("verify", $"{d} matches the manifest");
            }
        }
        report.Complete();
        if (json)
        {
            CliOutput.WriteJson(new { Reference = reference ?? model, Digest = digest, Source = source, Server = server.Url.ToString() });
            return 0;
        }
        CliOutput.Line($"pulled {reference ?? model} through {server.Url}");
        return 0;
    }

    [GeneratedRegex("^pulling manifest of (\\S+) from (.*)$")]
    private static partial Regex Manifest();
}
