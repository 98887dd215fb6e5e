using Airgap.Models.Catalog;
using Airgap.Models.Gguf;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Synthetic;

namespace Airgap.Models.Tests.Import;

public sealed class VisionPacksRecordTheirProjector : IDisposable
{
    private readonly SiteFixture _site = new();
    private readonly string _model;
    private readonly string _projector;

    public VisionPacksRecordTheirProjector()
    {
        _model = Path.Combine(_site.Root, "tiny-vlm.gguf");
        _projector = Path.Combine(_site.Root, "mmproj-tiny-vlm.gguf");
        SyntheticModelWriter.Write(_model, SyntheticPreset.TinyVision);
        SyntheticProjectorWriter.Write(_projector, SyntheticProjectorPreset.Tiny);
    }

    public void Dispose() => _site.Dispose();

    private string Pack(params (string Source, string PackPath)[] files)
    {
        var dir = Path.Combine(_site.Root, "packs", Guid.NewGuid().ToString("N"));
        using var key = SigningKeys.LoadPrivate(_site.KeyPath);
        PackWriter.WriteAsync(dir, new PackRequest(ModelName.Parse("smol:test"), SemanticVersion.Parse("1.0.0"), null, "vlm", "MIT"), files, key)
            .GetAwaiter().GetResult();
        return dir;
    }

    [Fact]
    public void The_synthetic_projector_is_a_clip_gguf_whose_output_is_the_language_models_width()
    {
        var file = GgufReader.ReadFile(_projector);

        Assert.Equal("clip", file.Metadata["general.architecture"]);
        Assert.Equal("idefics3", file.Metadata["clip.projector_type"]);
        var fc = Assert.Single(file.Tensors, t => t.Name == "mm.model.fc.weight");
        Assert.Equal((ulong)SyntheticPreset.TinyVision.EmbeddingLength, fc.Dimensions[1]);
        Assert.True(PackRoles.IsProjector(_projector));
        Assert.False(PackRoles.IsProjector(_model));
    }

    [Fact]
    public async Task Import_records_the_language_model_and_its_projector_whatever_their_order()
    {
        var pack = Pack((_projector, "mmproj-tiny-vlm.gguf"), (_model, "model.gguf"));

        var result = await _site.ImportAsync(pack);

        Assert.Contains("vision projector idefics3", result.ValidationSummary);
        var version = new ModelRegistry(_site.Home.RegistryPath).Resolve("smol:test");
        Assert.Equal(2, version.Files.Count);
        Assert.Equal(SiteFixture.Sha256(_model), version.Digest);
        Assert.Equal("mmproj-tiny-vlm.gguf", version.Projector?.Path);
        Assert.Equal(SiteFixture.Sha256(_projector), version.Projector?.Sha256);
        Assert.Equal($"{version.Digest}+{version.Projector!.Sha256}", version.LoadKey);
        Assert.Equal("llama", Airgap.Models.Validation.ModelMetadataJson.ReadGguf(version.MetadataJson)?.Architecture);
    }

    [Fact]
    public async Task A_pack_without_a_projector_reads_text_only_as_before()
    {
        await _site.ImportAsync(_site.Pack());

        var version = _site.Registry.Resolve("tiny:test");

        Assert.Null(version.Projector);
        Assert.Equal(version.Digest, version.LoadKey);
    }

    [Fact]
    public async Task Removing_a_vision_model_forgets_its_projector_and_a_copy_keeps_it()
    {
        await _site.ImportAsync(Pack((_model, "model.gguf"), (_projector, "mmproj.gguf")));
        var copy = _site.Registry.Copy(_site.Registry.Resolve("smol:test"), ModelName.Parse("smol:copy"));
        Assert.Equal("mmproj.gguf", _site.Registry.Resolve("smol:copy").Projector?.Path);
        Assert.Equal(copy.LoadKey, _site.Registry.Resolve("smol:test").LoadKey);

        await _site.Importer.RemoveAsync(ModelName.Parse("smol:test"), "1.0.0", force: true, CancellationToken.None);
        await _site.Importer.RemoveAsync(ModelName.Parse("smol:copy"), "1.0.0", force: true, CancellationToken.None);
        await _site.ImportAsync(Pack((_model, "model.gguf"), (_projector, "mmproj.gguf")));

        Assert.Equal("mmproj.gguf", _site.Registry.Resolve("smol:test").Projector?.Path);
    }

    [Fact]
    public async Task Import_refuses_a_projector_without_its_language_model()
    {
        var before = _site.State();

        var error = await Assert.ThrowsAsync<PackException>(() => _site.ImportAsync(Pack((_projector, "mmproj.gguf"))));

        Assert.Equal("'mmproj.gguf' is a vision projector (mmproj); a pack needs its language model beside it", error.Message);
        Assert.Equal(before, _site.State());
        Assert.Equal("refuse", _site.Registry.Audit().Last().Action);
    }

    [Fact]
    public async Task Import_refuses_a_pack_with_two_projectors()
    {
        var second = Path.Combine(_site.Root, "mmproj-2.gguf");
        SyntheticProjectorWriter.Write(second, SyntheticProjectorPreset.Tiny, seed: 99);
        var before = _site.State();

        var error = await Assert.ThrowsAsync<PackException>(() =>
            _site.ImportAsync(Pack((_model, "model.gguf"), (_projector, "a.gguf"), (second, "b.gguf"))));

        Assert.Equal("manifest files: 'a.gguf' and 'b.gguf' are both vision projectors; a pack holds one", error.Message);
        Assert.Equal(before, _site.State());
    }
}
