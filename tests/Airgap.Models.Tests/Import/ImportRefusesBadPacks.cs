using System.Text.RegularExpressions;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Validation;

namespace Airgap.Models.Tests.Import;

public sealed class ImportRefusesBadPacks : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    private async Task<Exception> RefusedWithoutChange(string packDir, ImportOptions? options = null)
    {
        var before = _site.State();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _site.ImportAsync(packDir, options));
        Assert.Equal(before, _site.State());
        Assert.Equal("refuse", _site.Registry.Audit().Last().Action);
        return error;
    }

    [Fact]
    public async Task Import_refuses_a_pack_whose_file_digest_differs()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var pack = _site.Pack("1.1.0");
        var model = Path.Combine(pack, "model.gguf");
        var bytes = File.ReadAllBytes(model);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(model, bytes);

        var error = await RefusedWithoutChange(pack);

        Assert.IsType<PackException>(error);
        Assert.Contains("SHA-256 mismatch", error.Message);
    }

    [Fact]
    public async Task Import_refuses_a_pack_whose_manifest_was_edited_after_signing()
    {
        var pack = _site.Pack();
        var manifest = Path.Combine(pack, PackManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"test\"", "\"edited\""));

        var error = await RefusedWithoutChange(pack);

        Assert.Contains("does not verify against any of the 1 trusted keys", error.Message);
    }

    [Fact]
    public async Task Import_refuses_a_pack_signed_by_an_unknown_key()
    {
        var (stranger, _) = SigningKeys.Create(Path.Combine(_site.Root, "keys", "stranger"));

        var error = await RefusedWithoutChange(_site.Pack(keyPath: stranger));

        Assert.Contains("unknown signer", error.Message);
    }

    [Fact]
    public async Task Import_refuses_an_unsigned_pack_unless_allowed()
    {
        var pack = _site.Pack();
        File.Delete(Path.Combine(pack, PackManifest.SignatureFileName));

        var error = await RefusedWithoutChange(pack);
        Assert.Contains("unsigned", error.Message);

        var result = await _site.ImportAsync(pack, new ImportOptions(AllowUnsigned: true));
        Assert.Null(result.Version.SignerKeyId);
    }

    [Theory]
    [InlineData("../escape.gguf")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/model.gguf")]
    [InlineData("..")]
    public async Task Import_refuses_a_manifest_path_that_is_not_a_plain_name(string path)
    {
        var pack = _site.Pack();
        var manifest = File.ReadAllText(Path.Combine(pack, PackManifest.FileName));
        _site.Resign(pack, manifest.Replace("\"model.gguf\"", $"\"{path}\""));

        var error = await RefusedWithoutChange(pack);

        Assert.Contains("not a plain file name", error.Message);
    }

    [Fact]
    public async Task Import_refuses_a_downgrade_unless_allowed()
    {
        await _site.ImportAsync(_site.Pack("2.0.0"));
        var older = _site.Pack("1.5.0");

        var error = await RefusedWithoutChange(older);
        Assert.Contains("older than 2.0.0", error.Message);

        var result = await _site.ImportAsync(older, new ImportOptions(AllowDowngrade: true));
        Assert.False(result.Version.IsActive);
    }

    [Fact]
    public async Task A_downgrade_is_refused_even_after_the_higher_version_was_removed()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        await _site.ImportAsync(_site.Pack("3.0.0"));
        await _site.Importer.RemoveAsync(new("tiny", "test"), "3.0.0", force: false, CancellationToken.None);

        var error = await RefusedWithoutChange(_site.Pack("2.0.0"));

        Assert.Contains("older than 3.0.0", error.Message);
    }

    [Fact]
    public async Task Import_refuses_the_same_version_with_different_files()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var other = Path.Combine(_site.Root, "other.gguf");
        Airgap.Models.Synthetic.SyntheticModelWriter.Write(other, Airgap.Models.Synthetic.SyntheticPreset.Tiny, seed: 7);

        var error = await RefusedWithoutChange(_site.Pack("1.0.0", model: other));

        Assert.Contains("already registered with different files", error.Message);
    }

    [Fact]
    public async Task Importing_the_same_version_with_the_same_files_again_is_a_no_op()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var before = _site.State();

        var again = await _site.ImportAsync(_site.Pack("1.0.0"));

        Assert.True(again.AlreadyRegistered);
        Assert.Equal(before, _site.State());
    }

    [Fact]
    public async Task Import_refuses_a_file_that_is_not_valid_gguf_and_leaves_no_blob()
    {
        var garbage = Path.Combine(_site.Root, "garbage.gguf");
        File.WriteAllBytes(garbage, [.. "GGUF"u8, 3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0]);

        var error = await RefusedWithoutChange(_site.Pack(model: garbage));

        Assert.IsType<ModelValidationException>(error);
        Assert.Matches(new Regex("invalid GGUF at offset 8: tensor count"), error.Message);
    }

    [Fact]
    public async Task Import_refuses_a_pack_whose_file_is_shorter_than_the_manifest_says()
    {
        var pack = _site.Pack();
        var model = Path.Combine(pack, "model.gguf");
        using (var stream = File.OpenWrite(model)) stream.SetLength(stream.Length - 100);

        var error = await RefusedWithoutChange(pack);

        Assert.Contains("incomplete copy", error.Message);
    }

    [Fact]
    public async Task Import_refuses_a_manifest_with_an_unknown_field_or_bad_version()
    {
        var pack = _site.Pack();
        var manifest = File.ReadAllText(Path.Combine(pack, PackManifest.FileName));
        _site.Resign(pack, manifest.Replace("\"version\": \"1.0.0\"", "\"version\": \"one\""));

        var error = await RefusedWithoutChange(pack);

        Assert.Contains("manifest version: version 'one' is not a semantic version", error.Message);
    }
}
