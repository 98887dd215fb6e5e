using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Storage;
using Airgap.Models.Validation;

namespace Airgap.Models.Tests.Catalog;

public sealed class LostRegistryNeverDeletesBlobs : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    private string Blobs() => string.Join(",", Directory.GetFiles(_site.Home.BlobsDirectory).Select(Path.GetFileName).Order());

    private void DeleteDatabase()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_site.Home.RegistryPath + suffix);
    }

    [Fact]
    public async Task A_missing_registry_db_with_blobs_is_refused_by_recovery_import_and_list_and_nothing_is_deleted()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var blobs = Blobs();
        DeleteDatabase();

        var recovery = await Assert.ThrowsAsync<RegistryUnavailableException>(() => _site.Importer.RecoverAsync(default));
        await Assert.ThrowsAsync<RegistryUnavailableException>(() => _site.ImportAsync(_site.Pack("1.1.0")));
        Assert.Throws<RegistryUnavailableException>(() => _site.Registry.List());

        Assert.Equal($"{_site.Home.RegistryPath} is missing but blobs/ holds 1 model file(s); restore it from "
            + $"{_site.Home.BackupsDirectory}{Path.DirectorySeparatorChar} (nothing was deleted)", recovery.Message);
        Assert.Equal(blobs, Blobs());
        Assert.False(File.Exists(_site.Home.RegistryPath));
    }

    [Fact]
    public async Task An_empty_registry_db_with_blobs_is_refused_and_nothing_is_deleted()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var blobs = Blobs();
        DeleteDatabase();
        File.WriteAllBytes(_site.Home.RegistryPath, []);

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => _site.Importer.RecoverAsync(default));

        Assert.Contains("is empty but blobs/ holds 1 model file(s)", error.Message);
        Assert.Equal(blobs, Blobs());
    }

    [Fact]
    public void A_home_without_blobs_creates_its_registry_on_first_use()
    {
        var home = new AirgapHome(Path.Combine(_site.Root, "fresh"));

        Assert.Empty(new ModelRegistry(home.RegistryPath).List());
        Assert.True(File.Exists(home.RegistryPath));
    }

    [Fact]
    public async Task Another_homes_registry_db_is_refused_and_nothing_is_deleted()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var blobs = Blobs();
        var other = new AirgapHome(Path.Combine(_site.Root, "other"));
        new ModelRegistry(other.RegistryPath).RecordEvent("note", null, null, "another registry");
        DeleteDatabase();
        File.Copy(other.RegistryPath, _site.Home.RegistryPath);

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => _site.Importer.RecoverAsync(default));

        Assert.Contains("is not this home's registry", error.Message);
        Assert.Equal(blobs, Blobs());
    }

    [Fact]
    public async Task An_older_copy_of_the_registry_is_refused_until_the_operator_accepts_it()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var older = Path.Combine(_site.Root, "older.db");
        _site.Registry.Backup(older);
        var v2 = (await _site.ImportAsync(_site.Pack("1.1.0", model: Mutated()))).Version;
        DeleteDatabase();
        File.Copy(older, _site.Home.RegistryPath);

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => _site.Importer.RecoverAsync(default));

        Assert.Contains("changes were lost", error.Message);
        Assert.True(File.Exists(_site.Home.BlobPath(v2.Digest)));

        // Deleting registry.id is the operator saying "this copy is the registry": the sweep then only sets aside.
        File.Delete(Path.Combine(_site.Home.Root, "registry.id"));
        Assert.Equal(1, await _site.Importer.RecoverAsync(default));
        Assert.False(File.Exists(_site.Home.BlobPath(v2.Digest)));
        Assert.Equal([v2.Digest], new BlobStore(_site.Home).ListSetAside());
    }

    [Fact]
    public async Task A_wal_deleted_under_an_open_connection_does_not_drive_deletion()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_site.Home.RegistryPath};Pooling=False"))
        {
            holder.Open();
            using (var read = holder.CreateCommand())
            {
                read.CommandText = "SELECT COUNT(*) FROM versions";
                read.ExecuteScalar();
            }
            // With a connection open the WAL is not checkpointed on close, so the second import lives only in it.
            var v2 = (await _site.ImportAsync(_site.Pack("1.1.0", model: Mutated()))).Version;
            Assert.True(new FileInfo(_site.Home.RegistryPath + "-wal").Length > 0);
            File.Delete(_site.Home.RegistryPath + "-wal");

            await Assert.ThrowsAsync<RegistryUnavailableException>(() => _site.Importer.RecoverAsync(default));
            Assert.True(File.Exists(_site.Home.BlobPath(v2.Digest)));
        }
    }

    [Fact]
    public async Task Orphans_are_set_aside_for_seven_days_then_deleted()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z"));
        var importer = new ModelImporter(_site.Home, _site.Registry, new HeaderValidator(), clock);
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var orphan = new string('a', 64);
        File.WriteAllText(_site.Home.BlobPath(orphan), "renamed but never registered");

        Assert.Equal(1, await importer.RecoverAsync(default));
        Assert.False(File.Exists(_site.Home.BlobPath(orphan)));
        Assert.Equal([orphan], new BlobStore(_site.Home).ListSetAside());

        clock.Advance(TimeSpan.FromDays(6));
        await importer.RecoverAsync(default);
        Assert.Equal([orphan], new BlobStore(_site.Home).ListSetAside());

        clock.Advance(TimeSpan.FromDays(2));
        await importer.RecoverAsync(default);
        Assert.Empty(new BlobStore(_site.Home).ListSetAside());
    }

    [Fact]
    public async Task A_set_aside_blob_that_a_version_needs_again_is_put_back()
    {
        var v = (await _site.ImportAsync(_site.Pack("1.0.0"))).Version;
        new BlobStore(_site.Home).SetAside(v.Digest, DateTimeOffset.UtcNow);

        await _site.Importer.RecoverAsync(default);

        Assert.True(File.Exists(_site.Home.BlobPath(v.Digest)));
        Assert.Empty((await new BlobVerifier(_site.Home, _site.Registry).VerifyAsync(null, default)).Corrupt);
    }

    // The tiny model with one metadata byte changed: another digest, still a valid GGUF.
    private string Mutated()
    {
        var path = Path.Combine(_site.Root, $"mutated-{Guid.NewGuid():N}.gguf");
        var bytes = File.ReadAllBytes(_site.ModelPath);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
