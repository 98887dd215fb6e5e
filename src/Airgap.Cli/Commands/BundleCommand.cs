using System.CommandLine;
using Airgap.Cli.Bundling;
using Airgap.Cli.Output;

namespace Airgap.Cli.Commands;

/// <summary>
/// `airgap bundle --out DIR [--rid RID]... [--model NAME[@V]]... [--key FILE.pub]... [--sign-key KEY] [--json]`: an
/// installation to carry across the air gap on a USB stick.
/// </summary>
public static class BundleCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Required = true, Description = "The bundle folder to create (new or empty)" };
        var rids = new Option<string[]>("--rid")
        {
            Description = $"Platforms to build for: {string.Join(", ", BundleLayout.RuntimeIdentifiers)} (repeatable; default this one)",
            AllowMultipleArgumentsPerToken = true,
        };
        rids.AcceptOnlyFromAmong([.. BundleLayout.RuntimeIdentifiers]);
        var models = new Option<string[]>("--model") { Description = "A registered model to carry as a signed pack, NAME[@VERSION] (repeatable)" };
        var keys = new Option<string[]>("--key") { Description = "A public key the site will trust, FILE.pub (repeatable)" };
        var signKey = new Option<string?>("--sign-key") { Description = "Private key that signs the packs; its public key goes in the bundle" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("bundle", "Write a self-contained installation (builds, packs, keys, install scripts) to carry to a site")
            { output, rids, models, keys, signKey, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var site = CliSite.Open(parse);
            var platforms = parse.GetValue(rids) is { Length: > 0 } chosen ? chosen.Distinct().ToList() : [DefaultRuntimeIdentifier()];
            var request = new BundleRequest(parse.GetValue(output)!, platforms, parse.GetValue(models) ?? [], parse.GetValue(keys) ?? [], parse.GetValue(signKey));
            var summary = await new BundleWriter(site.Home, site.Registry, line => Console.Error.WriteLine(line)).WriteAsync(request, cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(summary);
                return 0;
            }
            CliOutput.Line($"wrote {summary.Path}: {string.Join(", ", summary.Builds)} build(s), {summary.Packs.Count} pack(s), {summary.Keys.Count} key(s), " +
                           $"{summary.Files} files, {CliOutput.Bytes(summary.Bytes)}; install with install.sh (Linux) or install.ps1 (Windows)");
            return 0;
        }));
        return command;
    }

    private static string DefaultRuntimeIdentifier() =>
        Installation.IsSingleFile ? Installation.RuntimeIdentifier : OperatingSystem.IsWindows() ? "win-x64" : "linux-x64";
}
