using Airgap.Models.Catalog;

namespace Airgap.Models.Tests.Catalog;

public sealed class EveryAuditEntryNamesItsActor : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Without_a_caller_the_actor_is_this_processs_operating_system_user()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));

        var entry = Assert.Single(_site.Registry.Audit());
        Assert.Equal(AuditActor.OperatingSystemUser, entry.Actor);
        Assert.StartsWith(AuditActor.OperatingSystemUser, entry.Actor);
        Assert.True(_site.Registry.CheckAudit().IsIntact);
    }

    [Fact]
    public async Task A_caller_set_for_a_flow_of_work_is_recorded_and_only_there()
    {
        using (AuditActor.Begin("key:0123456789ab"))
        {
            await _site.ImportAsync(_site.Pack("1.0.0"));
            using (AuditActor.Begin("cert:line-3-hmi")) _site.Registry.RecordEvent("trust-key", null, null, "inner");
            _site.Registry.RecordEvent("trust-key", null, null, "outer again");
        }
        _site.Registry.RecordEvent("trust-key", null, null, "after");

        Assert.Equal(["key:0123456789ab", "cert:line-3-hmi", "key:0123456789ab", AuditActor.OperatingSystemUser],
            _site.Registry.Audit().Select(e => e.Actor));
    }

    [Fact]
    public void Rewriting_an_actor_breaks_the_chain_at_that_entry()
    {
        _site.Registry.RecordEvent("trust-key", null, null, "a key");
        using (AuditActor.Begin("key:0123456789ab")) _site.Registry.RecordEvent("remove-api-key", null, null, "key:0123456789ab");
        _site.Registry.RecordEvent("trust-key", null, null, "another key");

        _site.Sql("UPDATE audit SET actor = 'os:someone-else' WHERE id = 2");

        var report = _site.Registry.CheckAudit();
        Assert.False(report.IsIntact);
        Assert.Equal(2, report.BrokenEntryId);
    }

    [Fact]
    public void A_registry_written_before_actors_keeps_its_chain_and_records_actors_from_then_on()
    {
        _site.Registry.RecordEvent("trust-key", null, null, "before actors");
        // The file as a build before actors left it: no actor column, the entry hashed without one.
        var old = _site.Registry.Audit()[0];
        var oldHash = AuditEntry.ComputeHash(old.Id, old.At, old.Action, old.Name, old.Version, old.Detail, old.PreviousHash);
        _site.Sql($"ALTER TABLE audit DROP COLUMN actor; UPDATE audit SET hash = '{oldHash}' WHERE id = 1");

        _site.Registry.RecordEvent("trust-key", null, null, "after the upgrade");

        var trail = _site.Registry.Audit();
        Assert.Null(trail[0].Actor);
        Assert.Equal(oldHash, trail[0].Hash);
        Assert.Equal(oldHash, trail[1].PreviousHash);
        Assert.Equal(AuditActor.OperatingSystemUser, trail[1].Actor);
        var report = _site.Registry.CheckAudit();
        Assert.True(report.IsIntact, report.Problem);
    }

    [Fact]
    public void An_actor_must_name_someone() =>
        Assert.Throws<ArgumentException>(() => AuditActor.Begin(" "));
}
