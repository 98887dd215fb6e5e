using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Signing;

namespace Airgap.Cli.Commands;

/// <summary>`airgap keys create|trust|list`: signing keys and the site's trusted signers.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create signing keys and manage the keys this site trusts");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(Trust());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command CreateKey()
    {
        var output = new Option<string>("--out") { Required = true, Description = "DIR/NAME: writes NAME.key (PKCS#8 PEM) and NAME.pub (SPKI PEM)" };
        var command = new Command("create", "Create an ECDSA P-256 signing key pair") { output };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var (privatePath, publicPath) = SigningKeys.Create(parse.GetValue(output)!);
            using var key = SigningKeys.LoadPublic(publicPath);
            CliOutput.Line($"wrote {privatePath} (keep it secret) and {publicPath}; key id {SigningKeys.ShortId(SigningKeys.KeyId(key))}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Trust()
    {
        var file = new Argument<string>("FILE.pub") { Description = "A public key in SPKI PEM" };
        var command = new Command("trust", "Trust a public key to sign packs imported here") { file };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var site = CliSite.Open(parse);
            var (key, added) = new TrustedKeyStore(site.Home).Trust(parse.GetValue(file)!);
            if (added) site.Registry.RecordEvent("trust-key", null, null, $"{key.Name} {key.KeyId}");
            CliOutput.Line(added ? $"trusted {key.Name} ({key.ShortId})" : $"{key.Name} ({key.ShortId}) was already trusted");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List trusted keys") { json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var keys = new TrustedKeyStore(CliSite.Open(parse).Home).List();
            if (parse.GetValue(json)) CliOutput.WriteJson(keys.Select(k => new { k.Name, k.KeyId, k.ShortId, k.AddedAt }));
            else CliOutput.Table(["NAME", "KEY ID", "ADDED"], keys.Select(k => (IReadOnlyList<string>)[k.Name, k.ShortId, k.AddedAt.ToString("u")]));
            return Task.FromResult(0);
        }));
        return command;
    }
}
