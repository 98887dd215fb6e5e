using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;

namespace Airgap.Models.Tests.Catalog;

public sealed class RollbackWalksBackThroughActivations : IDisposable
{
    private static readonly ModelName Tiny = new("tiny", "test");
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Each_rollback_goes_one_activation_further_back_and_then_refuses()
    {
        foreach (var version in new[] { "1.1.0", "1.2.0", "1.3.0" })
            await _site.ImportAsync(_site.Pack(version), new ImportOptions(Activate: true));

        Assert.Equal("1.2.0", _site.Registry.Rollback(Tiny));
        Assert.Equal("1.1.0", _site.Registry.Rollback(Tiny));
        var error = Assert.Throws<RegistryException>(() => _site.Registry.Rollback(Tiny));

        Assert.Equal("tiny:test has no previous version to roll back to (active: 1.1.0)", error.Message);
        Assert.Equal("1.1.0", _site.Registry.Resolve("tiny:test").Version);
    }

    [Fact]
    public async Task Rollback_of_a_name_with_one_version_is_refused_and_changes_nothing()
    {
        await _site.ImportAsync(_site.Pack("1.0.0"));
        var audit = _site.Registry.Audit().Count;

        var error = Assert.Throws<RegistryException>(() => _site.Registry.Rollback(Tiny));

        Assert.Equal("tiny:test has no previous version to roll back to (active: 1.0.0)", error.Message);
        Assert.Equal("1.0.0", _site.Registry.Resolve("tiny:test").Version);
        Assert.Equal(audit, _site.Registry.Audit().Count);
    }

    [Fact]
    public async Task Rollback_skips_a_version_removed_since_it_was_active()
    {
        foreach (var version in new[] { "1.1.0", "1.2.0", "1.3.0" })
            await _site.ImportAsync(_site.Pack(version), new ImportOptions(Activate: true));
        await _site.Importer.RemoveAsync(Tiny, "1.2.0", force: false, default);

        Assert.Equal("1.1.0", _site.Registry.Rollback(Tiny));
    }

    [Fact]
    public async Task Activating_by_hand_is_walked_back_too()
    {
        foreach (var version in new[] { "1.1.0", "1.2.0", "1.3.0" })
            await _site.ImportAsync(_site.Pack(version));
        _site.Registry.Activate(Tiny, "1.3.0");
        _site.Registry.Activate(Tiny, "1.2.0");

        Assert.Equal("1.3.0", _site.Registry.Rollback(Tiny));
        Assert.Equal("1.1.0", _site.Registry.Rollback(Tiny));
        Assert.Throws<RegistryException>(() => _site.Registry.Rollback(Tiny));
    }
}
