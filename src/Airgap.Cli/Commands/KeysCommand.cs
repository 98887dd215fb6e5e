using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Signing;

namespace Airgap.Cli.Commands;

/// <summary>`airgap keys create|trust [--names PATTERNS]|remove|list`: signing keys and the site's trusted signers.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create signing keys and manage the keys this site trusts");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(Trust());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(List());
        command.Subcommands.Add(ApiKeysCommand.Create());
        return command;
    }

    private static Command CreateKey()
    {
        var output = new Option<string>("--out") { Required = true, Description = "DIR/NAME: writes NAME.key (PKCS#8 PEM) and NAME.pub (SPKI PEM)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("create", "Create an ECDSA P-256 signing key pair") { output, json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var (privatePath, publicPath) = SigningKeys.Create(parse.GetValue(output)!);
            using var key = SigningKeys.LoadPublic(publicPath);
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { PrivateKey = privatePath, PublicKey = publicPath, KeyId = SigningKeys.KeyId(key) });
                return Task.FromResult(0);
            }
            CliOutput.Line($"wrote {privatePath} (keep it secret) and {publicPath}; key id {SigningKeys.ShortId(SigningKeys.KeyId(key))}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Trust()
    {
        var file = new Argument<string>("FILE.pub") { Description = "A public key in SPKI PEM" };
        var names = new Option<string?>("--names")
        {
            Description = "Comma-separated glob patterns of the model names this key may publish, e.g. 'llama3.2:*,qwen3:*' ('*': any)",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("trust", "Trust a public key to sign packs imported here") { file, names, json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var site = CliSite.Open(parse);
            var scope = parse.GetValue(names) is { } text ? NameScope.Parse(text) : null;
            var (key, outcome) = new TrustedKeyStore(site.Home).Trust(parse.GetValue(file)!, scope);
            if (outcome != TrustOutcome.AlreadyTrusted)
                site.Registry.RecordEvent("trust-key", null, null, $"{key.Name} {key.KeyId} names {key.Scope}");
            var forNames = key.Scope.AllowsAny ? "any name" : $"names {key.Scope}";
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { key.Name, key.KeyId, key.ShortId, Names = key.Scope.ToString(), Outcome = outcome.ToString().ToLowerInvariant() });
                return Task.FromResult(0);
            }
            CliOutput.Line(outcome switch
            {
                TrustOutcome.Added => $"trusted {key.Name} ({key.ShortId}) for {forNames}",
                TrustOutcome.ScopeChanged => $"{key.Name} ({key.ShortId}) is now trusted for {forNames}",
                _ => $"{key.Name} ({key.ShortId}) was already trusted for {forNames}",
            });
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Remove()
    {
        var reference = new Argument<string>("KEY") { Description = "The trusted key's name, key id or short id, as `keys list` shows it" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("remove", "Revoke a trusted signing key: packs it signs are refused from now on (audited)") { reference, json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var site = CliSite.Open(parse);
            // What it signed stays registered (and runnable): the operator decides, from this list, whether to remove it too.
            IReadOnlyList<string> signed = [];
            var key = new TrustedKeyStore(site.Home).Remove(parse.GetValue(reference)!, revoked =>
            {
                signed = site.Registry.List().Where(v => v.SignerKeyId == revoked.KeyId).Select(v => v.Reference).ToList();
                site.Registry.RecordEvent("revoke-key", null, null,
                    $"{revoked.Name} {revoked.KeyId}" + (signed.Count > 0 ? $"; it signed {string.Join(", ", signed)}, still registered" : ""));
            });
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new { key.Name, key.KeyId, key.ShortId, SignedVersions = signed });
                return Task.FromResult(0);
            }
            CliOutput.Line($"revoked {key.Name} ({key.ShortId}): packs it signs are refused from now on");
            if (signed.Count > 0)
                Console.Error.WriteLine($"note: {string.Join(", ", signed)} (signed by it) stay registered; 'airgap models remove NAME@VERSION' removes one");
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
            if (parse.GetValue(json)) CliOutput.WriteJson(keys.Select(k => new { k.Name, k.KeyId, k.ShortId, k.AddedAt, Names = k.Scope.ToString() }));
            else CliOutput.Table(["NAME", "KEY ID", "NAMES", "ADDED"],
                keys.Select(k => (IReadOnlyList<string>)[k.Name, k.ShortId, k.Scope.ToString(), k.AddedAt.ToString("u")]));
            return Task.FromResult(0);
        }));
        return command;
    }
}
