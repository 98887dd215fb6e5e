using Airgap.Models.Catalog;
using Airgap.Models.Import;

namespace Airgap.Models.Tests.Catalog;

public sealed class AuditTrailHasAnAnchor : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task The_report_gives_the_entry_count_and_the_newest_entrys_hash_as_head()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        await _site.ImportAsync(_site.Pack("1.1.0"), new ImportOptions(Activate: true));

        var report = _site.Registry.CheckAudit();

        Assert.True(report.IsIntact, report.Problem);
        Assert.Equal(2, report.Entries);
        Assert.Equal(2, report.RegisteredVersions);
        Assert.Equal(_site.Registry.Audit()[^1].Hash, report.Head);
        Assert.True(_site.Registry.CheckAudit(report.Head).IsIntact);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_found_from_this_homes_record()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        _site.Registry.RecordEvent("trust", null, null, "a key");
        _site.Registry.RecordEvent("trust", null, null, "another key");
        _site.Sql("DELETE FROM audit WHERE id > 1");

        var report = _site.Registry.CheckAudit();

        Assert.False(report.IsIntact);
        Assert.Equal("the trail ends at entry 1 but this home recorded entry 3: the newest entries were removed", report.Problem);
    }

    [Fact]
    public async Task A_recorded_head_catches_removed_entries_even_when_the_homes_record_went_with_them()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        _site.Registry.RecordEvent("trust", null, null, "a key");
        var recorded = _site.Registry.CheckAudit().Head;
        _site.Sql("DELETE FROM audit WHERE id > 1");
        File.Delete(Path.Combine(_site.Home.Root, "registry.id"));

        Assert.True(_site.Registry.CheckAudit().IsIntact);
        var anchored = _site.Registry.CheckAudit(recorded);

        Assert.False(anchored.IsIntact);
        Assert.StartsWith($"the recorded head {recorded} is not in the trail (now 1 entries", anchored.Problem);
    }

    [Fact]
    public async Task A_version_registered_without_an_import_entry_is_named()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        _site.Sql("""
            INSERT INTO versions SELECT name, '9.9.9', format, digest, size, quantization, parameter_count, metadata_json,
                signer_key_id, source, validated_at, imported_at, description, license FROM versions
            """);

        var report = _site.Registry.CheckAudit();

        Assert.Equal("2 version(s) are registered but tiny:test@9.9.9 has no import entry in the trail", report.Problem);
    }

    [Fact]
    public async Task A_version_removed_from_the_catalog_behind_the_trails_back_is_named()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        await _site.ImportAsync(_site.Pack("1.1.0"));
        _site.Sql("DELETE FROM versions WHERE version = '1.1.0'");

        var report = _site.Registry.CheckAudit();

        Assert.Equal("the trail imported tiny:test@1.1.0 and never removed it, but it is not registered", report.Problem);
    }
}
