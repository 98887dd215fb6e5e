using Airgap.Models.Import;

namespace Airgap.Models.Tests.Import;

public sealed class ImportLockIsReleasedWhenTmpCannotBeCleaned : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_failed_clean_of_tmp_fails_the_import_and_leaves_the_lock_free()
    {
        // tmp/ replaced by a file: cleaning it fails.
        Directory.Delete(_site.Home.TempDirectory);
        File.WriteAllText(_site.Home.TempDirectory, "not a folder");

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAnyAsync<IOException>(() => ImportLock.AcquireAsync(_site.Home, deadline.Token));

        File.Delete(_site.Home.TempDirectory);
        Directory.CreateDirectory(_site.Home.TempDirectory);
        using var held = await ImportLock.AcquireAsync(_site.Home, deadline.Token);
        Assert.Equal(0, held.TempFilesRemoved);
    }
}
