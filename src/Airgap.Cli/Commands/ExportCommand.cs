using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Packs;
using Airgap.Models.Signing;

namespace Airgap.Cli.Commands;

/// <summary>`airgap export NAME[@VERSION] --key K --out DIR`: a signed pack of a registered model (sneakernet export).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("NAME[@VERSION]");
        var key = new Option<string>("--key") { Required = true, Description = "Private key to sign the pack with" };
        var output = new Option<string>("--out") { Required = true, Description = "Pack folder to create" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("export", "Write a signed pack of a registered model, to carry to another site") { reference, key, output, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var site = CliSite.Open(parse);
            using var signingKey = SigningKeys.LoadPrivate(parse.GetValue(key)!);
            var (version, _) = await new PackExporter(site.Home, site.Registry)
                .ExportAsync(parse.GetValue(reference)!, parse.GetValue(output)!, signingKey, cancellationToken);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { version.Name, version.Version, version.Digest, version.Size, Path = Path.GetFullPath(parse.GetValue(output)!),
                    SignerKeyId = SigningKeys.KeyId(signingKey) });
                return 0;
            }
            CliOutput.Line($"exported {version.Reference} to {Path.GetFullPath(parse.GetValue(output)!)}");
            return 0;
        }));
        return command;
    }
}
