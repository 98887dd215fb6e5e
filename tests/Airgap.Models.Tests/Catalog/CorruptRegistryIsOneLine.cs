using Airgap.Models.Catalog;

namespace Airgap.Models.Tests.Catalog;

public sealed class CorruptRegistryIsOneLine : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_registry_db_that_is_not_a_database_is_refused_with_one_line_naming_it()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var blobs = Directory.GetFiles(_site.Home.BlobsDirectory);
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(_site.Home.RegistryPath + suffix);
        File.WriteAllText(_site.Home.RegistryPath, new string('x', 8192));

        var list = Assert.Throws<RegistryUnavailableException>(() => _site.Registry.List());
        await Assert.ThrowsAsync<RegistryUnavailableException>(() => _site.Importer.RecoverAsync(default));

        Assert.Equal($"{_site.Home.RegistryPath} is corrupt or not a registry database (SQLite Error 26: 'file is not a database'); "
            + $"restore it from {_site.Home.BackupsDirectory}{Path.DirectorySeparatorChar}", list.Message);
        Assert.Equal(blobs, Directory.GetFiles(_site.Home.BlobsDirectory));
    }
}
