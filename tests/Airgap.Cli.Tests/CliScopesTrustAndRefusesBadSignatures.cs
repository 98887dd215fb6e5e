using System.Diagnostics;
using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class CliScopesTrustAndRefusesBadSignatures : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    private async Task<string> Refused(params string[] args)
    {
        var (code, output, error) = await _airgap.RunAsync(args);
        Assert.True(code == 1, $"exit {code}: {output}{error}");
        var line = error.Trim();
        Assert.DoesNotContain('\n', line);
        return line;
    }

    [Fact]
    public async Task A_key_trusted_for_some_names_may_publish_only_those()
    {
        var pack = await _airgap.SignedPackAsync();
        var pub = Path.Combine(_airgap.Root, "vendor.pub");

        Assert.EndsWith("is now trusted for names llama3.2:*,qwen3:*",
            (await _airgap.OkAsync("keys", "trust", pub, "--names", "llama3.2:*,qwen3:*")).Trim());
        var listed = await _airgap.OkAsync("keys", "list");
        Assert.Contains("NAMES", listed);
        Assert.Contains("llama3.2:*,qwen3:*", listed);
        var json = Assert.Single(JsonDocument.Parse(await _airgap.OkAsync("keys", "list", "--json")).RootElement.EnumerateArray());
        Assert.Equal("llama3.2:*,qwen3:*", json.GetProperty("names").GetString());

        Assert.EndsWith("it may not publish tiny:test", await Refused("verify", pack));
        Assert.EndsWith("it may not publish tiny:test", await Refused("import", pack, "--allow-unsigned"));

        await _airgap.OkAsync("keys", "trust", pub, "--names", "tiny:*");
        Assert.Contains("would import", await _airgap.OkAsync("verify", pack));
        Assert.StartsWith("error: --names pattern 'bad name'", await Refused("keys", "trust", pub, "--names", "bad name"));
    }

    [Fact]
    public async Task A_revoked_key_signs_nothing_more_and_the_revocation_is_audited_with_who_did_it()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync("1.0.0"));
        var next = await _airgap.SignedPackAsync("1.1.0");

        var (code, output, error) = await _airgap.RunAsync("keys", "remove", "vendor");

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.StartsWith("revoked vendor (", output.Trim());
        Assert.Contains("tiny:test@1.0.0 (signed by it) stay registered", error);
        Assert.Empty(JsonDocument.Parse(await _airgap.OkAsync("keys", "list", "--json")).RootElement.EnumerateArray());
        Assert.Contains("does not verify against any of the 0 trusted keys", await Refused("import", next));
        var revoked = JsonDocument.Parse(await _airgap.OkAsync("audit", "list", "--json")).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "revoke-key");
        Assert.Equal(Airgap.Models.Catalog.AuditActor.OperatingSystemUser, revoked.GetProperty("actor").GetString());
        Assert.Contains("it signed tiny:test@1.0.0, still registered", revoked.GetProperty("detail").GetString());
        Assert.Equal("error: no trusted key is named or has the id 'vendor'; see 'airgap keys list'", await Refused("keys", "remove", "vendor"));
        Assert.Contains("audit trail intact", await _airgap.OkAsync("audit", "verify"));
    }

    [Fact]
    public async Task A_name_two_trusted_keys_share_revokes_neither_and_asks_for_the_key_id()
    {
        foreach (var site in new[] { "plant-a", "plant-b" })
        {
            Directory.CreateDirectory(Path.Combine(_airgap.Root, site));
            await _airgap.OkAsync("keys", "create", "--out", Path.Combine(_airgap.Root, site, "vendor"));
            await _airgap.OkAsync("keys", "trust", Path.Combine(_airgap.Root, site, "vendor.pub"));
        }

        var line = await Refused("keys", "remove", "vendor");

        Assert.StartsWith("error: 'vendor' names 2 trusted keys (", line);
        Assert.EndsWith("); give the key id", line);
        Assert.Equal(2, JsonDocument.Parse(await _airgap.OkAsync("keys", "list", "--json")).RootElement.GetArrayLength());
        Assert.DoesNotContain("revoke-key", await _airgap.OkAsync("audit", "list"));
    }

    [Fact]
    public async Task A_bad_signature_is_refused_even_with_allow_unsigned_and_audited()
    {
        var pack = await _airgap.SignedPackAsync();
        var manifest = Path.Combine(pack, "manifest.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("tiny:test", "tiny:evil"));

        Assert.StartsWith("error: bad signature: manifest.sig does not verify", await Refused("verify", pack, "--allow-unsigned"));
        Assert.StartsWith("error: bad signature: manifest.sig does not verify", await Refused("import", pack, "--allow-unsigned"));
        Assert.Contains("bad signature", await _airgap.OkAsync("audit", "list"));
    }

    [Fact]
    public async Task A_fifo_given_as_a_model_file_is_refused_at_once()
    {
        await _airgap.SignedPackAsync();
        var fifo = Path.Combine(_airgap.Root, "pipe.gguf");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();

        var line = await Refused("import", fifo, "--name", "pipe:test", "--version", "1.0.0", "--allow-unsigned").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.EndsWith("is a FIFO (named pipe), not an ordinary file; packs hold ordinary files only", line);
    }
}
