using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;

namespace Airgap.Cli.Commands;

/// <summary>`airgap import DIR|FILE.gguf [--name NAME:TAG --version X.Y.Z] [--activate] [--allow-unsigned] [--allow-downgrade] [--json]`.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("DIR|FILE") { Description = "A pack folder, or a bare model file with --name and --version" };
        var activate = new Option<bool>("--activate") { Description = "Make this the active version" };
        var allowUnsigned = new Option<bool>("--allow-unsigned") { Description = "Accept an unsigned pack or a bare file (never a signature that fails)" };
        var allowDowngrade = new Option<bool>("--allow-downgrade") { Description = "Accept a version older than the highest imported" };
        var name = new Option<string?>("--name") { Description = "family:tag, for a bare model file" };
        var version = new Option<string?>("--version") { Description = "X.Y.Z, for a bare model file" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("import", "Verify, validate and register a pack (or a bare model file)")
            { source, activate, allowUnsigned, allowDowngrade, name, version, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var site = CliSite.Open(parse);
            var path = parse.GetValue(source)!;
            var options = new ImportOptions(parse.GetValue(activate), parse.GetValue(allowUnsigned), parse.GetValue(allowDowngrade));
            var report = new PhaseReport();
            IProgress<CopyProgress> Progress(int files) => new ImportPhaseProgress(files, report.Copy,
                () => report.Phase("import", $"{ImportPhaseProgress.ValidatingPhase} (load-and-generate test)"));
            ImportResult result;
            if (Directory.Exists(path))
            {
                report.Phase("verify", $"{path}: checking the signature and manifest");
                result = await site.Importer.ImportPackAsync(path, options, Progress(PackFileCount(path)), cancellationToken);
            }
            else
            {
                if (!File.Exists(path)) throw new ArgumentException($"{path} is neither a pack folder nor a model file");
                var nameText = parse.GetValue(name) ?? throw new ArgumentException("a bare model file needs --name NAME:TAG");
                var versionText = parse.GetValue(version) ?? throw new ArgumentException("a bare model file needs --version X.Y.Z");
                if (!nameText.Contains(':')) throw new ArgumentException("--name must be family:tag, e.g. llama3.2:3b");
                result = await site.Importer.ImportFileAsync(path, ModelName.Parse(nameText), SemanticVersion.Parse(versionText), options, Progress(1), cancellationToken);
            }
            report.Complete();
            var v = result.Version;
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { v.Name, v.Version, v.Digest, v.Size, v.IsActive, result.AlreadyRegistered, v.SignerKeyId, Validation = result.ValidationSummary });
                return 0;
            }
            var signer = v.SignerKeyId is null ? "unsigned" : $"signed by {SigningKeys.ShortId(v.SignerKeyId)}";
            CliOutput.Line(result.AlreadyRegistered
                ? $"{v.Reference} is already registered with the same files; nothing to do"
                : $"imported {v.Reference} ({CliOutput.Bytes(v.Size)}, {signer}){(v.IsActive ? ", active" : "")}: {result.ValidationSummary}");
            return 0;
        }));
        return command;
    }

    // How many files the copy phase has before validation starts; the importer opens and judges the pack itself (and audits a refusal).
    private static int PackFileCount(string directory)
    {
        try
        {
            return ModelPack.Open(directory).Manifest.Files.Count;
        }
        catch (Exception e) when (e is PackException or IOException or UnauthorizedAccessException)
        {
            return int.MaxValue;
        }
    }
}
