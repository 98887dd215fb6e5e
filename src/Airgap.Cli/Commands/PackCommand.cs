using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;

namespace Airgap.Cli.Commands;

/// <summary>`airgap pack --name NAME:TAG --version X.Y.Z --key NAME.key --out DIR FILE...` (connected side).</summary>
public static class PackCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Required = true, Description = "family:tag, e.g. llama3.2:3b" };
        var version = new Option<string>("--version") { Required = true, Description = "Semantic version X.Y.Z" };
        var key = new Option<string>("--key") { Required = true, Description = "Private key (PKCS#8 PEM) to sign with" };
        var output = new Option<string>("--out") { Required = true, Description = "Pack folder to create" };
        var description = new Option<string?>("--description") { Description = "What the model is for" };
        var license = new Option<string?>("--license") { Description = "The model's license" };
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Model files (the first is the model)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("pack", "Make a signed pack of model files to carry over the air gap")
            { name, version, key, output, description, license, files, json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var request = new PackRequest(ModelName.Parse(parse.GetValue(name)!), SemanticVersion.Parse(parse.GetValue(version)!),
                null, parse.GetValue(description), parse.GetValue(license));
            if (!parse.GetValue(name)!.Contains(':')) throw new ArgumentException("--name must be family:tag, e.g. llama3.2:3b");
            using var signingKey = SigningKeys.LoadPrivate(parse.GetValue(key)!);
            var sources = parse.GetValue(files)!.Select(f => (f, Path.GetFileName(f))).ToList();
            var report = new PhaseReport();
            report.Phase("verify", $"hashing {sources.Count} file(s) into the manifest");
            var manifest = await PackWriter.WriteAsync(parse.GetValue(output)!, request, sources, signingKey, cancellationToken);
            report.Complete();
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { Name = manifest.Name, Version = manifest.Version, Path = Path.GetFullPath(parse.GetValue(output)!),
                    Files = manifest.Files, Size = manifest.Files.Sum(f => f.Size), SignerKeyId = SigningKeys.KeyId(signingKey) });
                return 0;
            }
            CliOutput.Line($"packed {manifest.Name}@{manifest.Version} ({manifest.Files.Count} files, " +
                           $"{CliOutput.Bytes(manifest.Files.Sum(f => f.Size))}) into {Path.GetFullPath(parse.GetValue(output)!)}, " +
                           $"signed by {SigningKeys.ShortId(SigningKeys.KeyId(signingKey))}");
            return 0;
        }));
        return command;
    }
}
