using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Signing;

namespace Airgap.Cli.Commands;

/// <summary>`airgap verify DIR`: every check of import, installing nothing; the exit code is the verdict.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The pack folder" };
        var allowUnsigned = new Option<bool>("--allow-unsigned") { Description = "Accept an unsigned pack (never a signature that fails)" };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Accept a version older than the highest imported" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("verify", "Check a pack as import would, without installing it") { directory, allowUnsigned, allowDowngrade, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var site = CliSite.Open(parse);
            var report = new PhaseReport();
            report.Phase("verify", $"{parse.GetValue(directory)}: checking the signature, hashing every file against the manifest, "
                                   + $"then {ImportPhaseProgress.ValidatingPhase} (nothing is installed)");
            var result = await new PackVerifier(site.Home, site.Registry, site.Validator).VerifyAsync(parse.GetValue(directory)!,
                new ImportOptions(false, parse.GetValue(allowUnsigned), parse.GetValue(allowDowngrade)), cancellationToken);
            report.Complete();
            var signer = result.SignerKeyId is null ? "unsigned" : $"signed by {SigningKeys.ShortId(result.SignerKeyId)}";
            var status = result.Admission == Admission.AlreadyRegistered ? "already registered" : "would import";
            if (parse.GetValue(json))
                CliOutput.WriteJson(new { Ok = true, result.Pack.Manifest.Name, result.Pack.Manifest.Version, result.SignerKeyId, Status = status, Validation = result.ValidationSummary });
            else
                CliOutput.Line($"OK {result.Pack.Manifest.Name}@{result.Pack.Manifest.Version}: {signer}, digests match, {result.ValidationSummary}; {status}");
            return 0;
        }));
        return command;
    }
}
