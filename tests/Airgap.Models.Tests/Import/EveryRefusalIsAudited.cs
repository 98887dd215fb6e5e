using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;

namespace Airgap.Models.Tests.Import;

public sealed class EveryRefusalIsAudited : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_bare_file_with_a_wrong_magic_is_refused_and_audited()
    {
        var junk = Path.Combine(_site.Root, "junk.gguf");
        File.WriteAllText(junk, "this is not a model");
        var before = _site.State();

        var error = await Assert.ThrowsAsync<PackException>(() => _site.Importer.ImportFileAsync(junk, ModelName.Parse("junk:test"),
            SemanticVersion.Parse("1.0.0"), new ImportOptions(AllowUnsigned: true), null, CancellationToken.None));

        Assert.EndsWith("is neither GGUF (no GGUF magic), ONNX (.onnx) nor an anomaly detector (.anomaly)", error.Message);
        Assert.Equal(before, _site.State());
        var audited = _site.Registry.Audit().Last();
        Assert.Equal(("refuse", "junk:test", "1.0.0"), (audited.Action, audited.Name, audited.Version));
        Assert.Contains("no GGUF magic", audited.Detail);
    }

    [Fact]
    public async Task A_bare_file_that_does_not_exist_is_refused_and_audited()
    {
        var missing = Path.Combine(_site.Root, "missing.gguf");

        await Assert.ThrowsAsync<PackException>(() => _site.Importer.ImportFileAsync(missing, ModelName.Parse("gone:test"),
            SemanticVersion.Parse("1.0.0"), new ImportOptions(AllowUnsigned: true), null, CancellationToken.None));

        Assert.Contains("does not exist", _site.Registry.Audit().Last().Detail);
    }
}
