namespace Airgap.Cli.Tests;

public sealed class CliRefusesBadInput : IDisposable
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
    public async Task Keys_are_never_overwritten_and_a_non_key_is_not_trusted()
    {
        var prefix = Path.Combine(_airgap.Root, "k");
        await _airgap.OkAsync("keys", "create", "--out", prefix);
        Assert.EndsWith("already exists; refusing to overwrite a key", await Refused("keys", "create", "--out", prefix));

        var junk = Path.Combine(_airgap.Root, "junk.pub");
        await File.WriteAllTextAsync(junk, "not a key");
        Assert.StartsWith($"error: {junk} is not an ECDSA public key in PEM", await Refused("keys", "trust", junk));
    }

    [Fact]
    public async Task Pack_refuses_a_bad_version_a_bad_name_and_a_used_folder()
    {
        var pack = await _airgap.SignedPackAsync();
        var key = Path.Combine(_airgap.Root, "vendor.key");
        var model = Path.Combine(_airgap.Root, "tiny.gguf");

        Assert.Equal("error: version 'one' is not a semantic version X.Y.Z",
            await Refused("pack", "--name", "tiny:test", "--version", "one", "--key", key, "--out", Path.Combine(_airgap.Root, "p2"), model));
        Assert.StartsWith("error: model name 'Bad Name!' must be family:tag",
            await Refused("pack", "--name", "Bad Name!", "--version", "1.0.0", "--key", key, "--out", Path.Combine(_airgap.Root, "p3"), model));
        Assert.EndsWith("is not empty; a pack needs a folder of its own",
            await Refused("pack", "--name", "tiny:test", "--version", "1.0.0", "--key", key, "--out", pack, model));
    }

    [Fact]
    public async Task Verify_fails_an_unsigned_pack_and_export_an_unknown_model()
    {
        var pack = await _airgap.SignedPackAsync();
        File.Delete(Path.Combine(pack, "manifest.sig"));

        Assert.StartsWith("error: pack is unsigned", await Refused("verify", pack));
        Assert.Equal("error: model 'ghost:model' not found; no models are registered",
            await Refused("export", "ghost:model", "--key", Path.Combine(_airgap.Root, "vendor.key"), "--out", Path.Combine(_airgap.Root, "x")));
    }

    [Fact]
    public async Task A_bare_file_needs_a_name_a_version_and_allow_unsigned()
    {
        await _airgap.SignedPackAsync();
        var model = Path.Combine(_airgap.Root, "tiny.gguf");

        Assert.Equal("error: a bare model file needs --name NAME:TAG", await Refused("import", model));
        Assert.Equal("error: a bare model file carries no signature; pass --allow-unsigned to register it as a local import",
            await Refused("import", model, "--name", "local:one", "--version", "1.0.0"));
    }
}
