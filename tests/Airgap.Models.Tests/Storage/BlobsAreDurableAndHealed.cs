using Airgap.Models.Catalog;
using Airgap.Models.Storage;

namespace Airgap.Models.Tests.Storage;

public sealed class BlobsAreDurableAndHealed : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Flushing_a_directory_succeeds_on_a_real_one_and_reports_a_failure_instead_of_swallowing_it()
    {
        DurableDirectory.Flush(_site.Home.BlobsDirectory);

        var missing = Path.Combine(_site.Root, "no-such-directory");
        var error = Assert.Throws<IOException>(() => DurableDirectory.Flush(missing));
        Assert.StartsWith($"cannot open directory {missing} to flush it:", error.Message);
    }

    [Fact]
    public async Task Re_importing_the_same_pack_replaces_a_corrupt_blob_and_audits_the_repair()
    {
        var pack = _site.Pack("1.0.0");
        var v = (await _site.ImportAsync(pack)).Version;
        FlipAByte(_site.Home.BlobPath(v.Digest));

        var again = await _site.ImportAsync(pack);

        Assert.True(again.AlreadyRegistered);
        Assert.Equal(v.Digest, SiteFixture.Sha256(_site.Home.BlobPath(v.Digest)));
        Assert.Empty((await new BlobVerifier(_site.Home, _site.Registry).VerifyAsync(null, default)).Corrupt);
        Assert.Equal("repair", _site.Registry.Audit("tiny:test")[^1].Action);
        Assert.Empty(Directory.GetFiles(_site.Home.TempDirectory));
    }

    [Fact]
    public async Task A_new_version_sharing_a_corrupt_blob_replaces_it_instead_of_registering_on_it()
    {
        var v1 = (await _site.ImportAsync(_site.Pack("1.0.0"))).Version;
        FlipAByte(_site.Home.BlobPath(v1.Digest));

        var v2 = (await _site.ImportAsync(_site.Pack("1.1.0"))).Version;

        Assert.Equal(v1.Digest, v2.Digest);
        var (count, corrupt) = await new BlobVerifier(_site.Home, _site.Registry).VerifyAsync(null, default);
        Assert.Equal(2, count);
        Assert.Empty(corrupt);
    }

    [Fact]
    public async Task A_good_blob_already_present_is_kept_and_the_new_copy_discarded()
    {
        var v1 = (await _site.ImportAsync(_site.Pack("1.0.0"))).Version;
        var before = File.GetLastWriteTimeUtc(_site.Home.BlobPath(v1.Digest));

        await _site.ImportAsync(_site.Pack("1.1.0"));

        Assert.Equal(before, File.GetLastWriteTimeUtc(_site.Home.BlobPath(v1.Digest)));
        Assert.Single(Directory.GetFiles(_site.Home.BlobsDirectory));
        Assert.Empty(Directory.GetFiles(_site.Home.TempDirectory));
        Assert.DoesNotContain(_site.Registry.Audit(), e => e.Action == "repair");
    }

    private static void FlipAByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }
}
