using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Storage;
using Microsoft.Data.Sqlite;

namespace Airgap.Models.Tests.Catalog;

public sealed class RegistryLifecycle : IDisposable
{
    private static readonly ModelName Tiny = new("tiny", "test");
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task The_first_version_becomes_active_and_a_later_one_only_when_asked()
    {
        var first = await _site.ImportAsync(_site.Pack("1.0.0"));
        var second = await _site.ImportAsync(_site.Pack("1.1.0"));

        Assert.True(first.Version.IsActive);
        Assert.False(second.Version.IsActive);
        Assert.Equal("1.0.0", _site.Registry.Resolve("tiny:test").Version);
        Assert.Equal("F16", first.Version.Quantization);
        Assert.Equal(SiteFixture.Sha256(_site.ModelPath), first.Version.Digest);
        Assert.True(File.Exists(_site.Home.BlobPath(first.Version.Digest)));
        Assert.NotNull(first.Version.SignerKeyId);
    }

    [Fact]
    public async Task Rollback_returns_to_the_version_active_before()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        await _site.ImportAsync(_site.Pack("1.1.0"), new ImportOptions(Activate: true));
        Assert.Equal("1.1.0", _site.Registry.Resolve("tiny:test").Version);

        var restored = _site.Registry.Rollback(Tiny);

        Assert.Equal("1.0.0", restored);
        Assert.Equal("1.0.0", _site.Registry.Resolve("tiny:test").Version);
        Assert.Equal(["import", "import", "rollback"], _site.Registry.Audit("tiny:test").Select(e => e.Action));
    }

    [Fact]
    public void Rollback_with_no_previous_version_is_refused()
    {
        var error = Assert.Throws<ModelNotFoundException>(() => _site.Registry.Rollback(Tiny));
        Assert.Contains("no models are registered", error.Message);
    }

    [Fact]
    public async Task Removing_the_active_version_needs_force_and_the_last_user_of_a_blob_deletes_it()
    {
        var v1 = await _site.ImportAsync(_site.Pack("1.0.0"));
        await _site.ImportAsync(_site.Pack("1.1.0"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => _site.Importer.RemoveAsync(Tiny, "1.0.0", false, default));
        Assert.Contains("active version; use --force", error.Message);

        Assert.Equal(0, await _site.Importer.RemoveAsync(Tiny, "1.1.0", false, default));
        Assert.True(File.Exists(_site.Home.BlobPath(v1.Version.Digest)));
        Assert.Equal(1, await _site.Importer.RemoveAsync(Tiny, "1.0.0", true, default));
        Assert.False(File.Exists(_site.Home.BlobPath(v1.Version.Digest)));
        Assert.Empty(_site.Registry.List());
    }

    [Fact]
    public async Task Models_verify_names_a_bit_flipped_blob()
    {
        var v = (await _site.ImportAsync(_site.Pack("1.0.0"))).Version;
        var verifier = new BlobVerifier(_site.Home, _site.Registry);
        Assert.Empty((await verifier.VerifyAsync(null, default)).Corrupt);

        var blob = _site.Home.BlobPath(v.Digest);
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(blob, bytes);

        var corrupt = Assert.Single((await verifier.VerifyAsync("tiny:test", default)).Corrupt);
        Assert.Equal("tiny:test@1.0.0", corrupt.Reference);
        Assert.StartsWith("blob hashes to", corrupt.Problem);
    }

    [Fact]
    public async Task The_audit_chain_verifies_and_names_the_first_tampered_entry()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        await _site.ImportAsync(_site.Pack("1.1.0"), new ImportOptions(Activate: true));
        _site.Registry.Rollback(Tiny);
        Assert.Null(_site.Registry.VerifyAudit());

        using (var connection = new SqliteConnection($"Data Source={_site.Home.RegistryPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit SET detail = 'nothing to see' WHERE id = 2";
            command.ExecuteNonQuery();
        }

        var broken = _site.Registry.VerifyAudit();
        Assert.NotNull(broken);
        Assert.Equal(2, broken.Value.Entry.Id);
    }

    [Fact]
    public async Task An_exported_pack_imports_at_another_site_with_the_same_digest()
    {
        var original = (await _site.ImportAsync(_site.Pack("1.2.3"))).Version;
        var exportDir = Path.Combine(_site.Root, "export");
        using (var key = SigningKeys.LoadPrivate(_site.KeyPath))
            await new PackExporter(_site.Home, _site.Registry).ExportAsync("tiny:test", exportDir, key, default);

        var otherHome = new AirgapHome(Path.Combine(_site.Root, "other-site"));
        new TrustedKeyStore(otherHome).Trust(_site.PublicKeyPath);
        var otherRegistry = new ModelRegistry(otherHome.RegistryPath);
        var imported = await new ModelImporter(otherHome, otherRegistry, new Airgap.Models.Validation.HeaderValidator())
            .ImportPackAsync(exportDir, new ImportOptions(), null, default);

        Assert.Equal(original.Digest, imported.Version.Digest);
        Assert.Equal("1.2.3", imported.Version.Version);
    }

    [Fact]
    public async Task Recovery_removes_an_interrupted_imports_temp_files_and_sets_its_blobs_aside()
    {
        var v = (await _site.ImportAsync(_site.Pack("1.0.0"))).Version;
        File.WriteAllText(Path.Combine(_site.Home.TempDirectory, "half.partial"), "half a model");
        var orphan = new string('a', 64);
        File.WriteAllText(_site.Home.BlobPath(orphan), "renamed but never registered");

        var removed = await _site.Importer.RecoverAsync(default);

        Assert.Equal(2, removed);
        Assert.Empty(Directory.GetFiles(_site.Home.TempDirectory));
        Assert.Equal([v.Digest], new BlobStore(_site.Home).List());
        Assert.Equal([orphan], new BlobStore(_site.Home).ListSetAside());
    }

    [Fact]
    public async Task Two_imports_at_once_are_serialized_and_both_land()
    {
        // Two names, so neither import is a downgrade of the other whichever lands first.
        var a = _site.Pack("1.0.0", name: "tiny:a");
        var b = _site.Pack("1.0.0", name: "tiny:b");

        await Task.WhenAll(Task.Run(() => _site.ImportAsync(a)), Task.Run(() => _site.ImportAsync(b)));

        Assert.Equal(["tiny:a@1.0.0", "tiny:b@1.0.0"], _site.Registry.List().Select(v => v.Reference));
        Assert.Single(new BlobStore(_site.Home).List());
        Assert.Null(_site.Registry.VerifyAudit());
    }
}
