using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Packs;
using Airgap.Models.Validation;

namespace Airgap.Models.Tests.Packs;

public sealed class PackFilesThatAreNotFilesAreRefused : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    /// <summary>Imports, expecting a quick refusal that changes nothing, is audited, and leaves the import lock free.</summary>
    private async Task<string> RefusedQuickly(string pack)
    {
        var before = _site.State();
        var error = await FileSystemObjects.WithinDeadline(() => _site.ImportAsync(pack));
        Assert.IsAssignableFrom<PackException>(error);
        Assert.Equal(before, _site.State());
        var audited = _site.Registry.Audit().Last();
        Assert.Equal("refuse", audited.Action);
        Assert.Contains(error!.Message, audited.Detail);
        using (await ImportLock.AcquireAsync(_site.Home, new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token)) { }
        return error.Message;
    }

    [Fact]
    public async Task A_fifo_as_manifest_json_is_refused_without_hanging()
    {
        var pack = _site.Pack();
        FileSystemObjects.Fifo(Path.Combine(pack, PackManifest.FileName));

        Assert.Equal("'manifest.json' is a FIFO (named pipe), not an ordinary file; packs hold ordinary files only", await RefusedQuickly(pack));
    }

    [Fact]
    public async Task A_fifo_as_manifest_sig_is_refused_without_hanging()
    {
        var pack = _site.Pack();
        FileSystemObjects.Fifo(Path.Combine(pack, PackManifest.SignatureFileName));

        Assert.Contains("'manifest.sig' is a FIFO (named pipe)", await RefusedQuickly(pack));
    }

    [Fact]
    public async Task A_fifo_as_the_model_is_refused_without_hanging()
    {
        var pack = _site.Pack();
        FileSystemObjects.Fifo(Path.Combine(pack, "model.gguf"));

        Assert.Contains("'model.gguf' is a FIFO (named pipe)", await RefusedQuickly(pack));
    }

    [Fact]
    public async Task A_link_to_dev_zero_as_the_model_is_refused_and_fills_nothing()
    {
        var pack = _site.Pack();
        FileSystemObjects.Link(Path.Combine(pack, "model.gguf"), "/dev/zero");

        Assert.Contains("'model.gguf' is a link", await RefusedQuickly(pack));
        Assert.Empty(Directory.GetFiles(_site.Home.TempDirectory));
    }

    [Fact]
    public async Task A_link_to_an_ordinary_file_is_refused_too()
    {
        var pack = _site.Pack();
        var model = Path.Combine(pack, "model.gguf");
        var elsewhere = Path.Combine(_site.Root, "elsewhere.gguf");
        File.Move(model, elsewhere);
        FileSystemObjects.Link(model, elsewhere);

        Assert.Contains("'model.gguf' is a link", await RefusedQuickly(pack));
    }

    [Fact]
    public async Task A_link_as_manifest_json_is_refused()
    {
        var pack = _site.Pack();
        var manifest = Path.Combine(pack, PackManifest.FileName);
        var elsewhere = Path.Combine(_site.Root, "manifest-elsewhere.json");
        File.Move(manifest, elsewhere);
        FileSystemObjects.Link(manifest, elsewhere);

        Assert.StartsWith("'manifest.json' is a link", await RefusedQuickly(pack));
    }

    [Fact]
    public async Task Verify_refuses_a_fifo_without_hanging()
    {
        var pack = _site.Pack();
        FileSystemObjects.Fifo(Path.Combine(pack, PackManifest.FileName));
        var verifier = new PackVerifier(_site.Home, _site.Registry, new HeaderValidator());

        var error = await FileSystemObjects.WithinDeadline(() => verifier.VerifyAsync(pack, new ImportOptions(), CancellationToken.None));

        Assert.IsAssignableFrom<PackException>(error);
        Assert.Contains("FIFO", error!.Message);
    }

    [Fact]
    public async Task A_bare_fifo_is_refused_without_hanging_and_audited()
    {
        var fifo = Path.Combine(_site.Root, "pipe.gguf");
        FileSystemObjects.Fifo(fifo);

        var error = await FileSystemObjects.WithinDeadline(() => _site.Importer.ImportFileAsync(fifo, ModelName.Parse("pipe:test"),
            SemanticVersion.Parse("1.0.0"), new ImportOptions(AllowUnsigned: true), null, CancellationToken.None));

        Assert.Contains("is a FIFO (named pipe)", Assert.IsAssignableFrom<PackException>(error).Message);
        Assert.Equal("refuse", _site.Registry.Audit().Last().Action);
    }

    [Fact]
    public void A_file_shorter_than_the_manifest_says_is_a_typed_incomplete_copy()
    {
        var pack = _site.Pack();
        using (var stream = File.OpenWrite(Path.Combine(pack, "model.gguf"))) stream.SetLength(100);

        var error = Assert.Throws<IncompletePackException>(() => ModelPack.Open(pack));

        Assert.Contains("is 100 bytes, the manifest says", error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_typed_incomplete_copy()
    {
        var pack = _site.Pack();
        File.Delete(Path.Combine(pack, "model.gguf"));

        Assert.Throws<IncompletePackException>(() => ModelPack.Open(pack));
    }

    [Fact]
    public void An_oversized_manifest_is_refused_before_it_is_read()
    {
        var pack = _site.Pack();
        using (var stream = File.OpenWrite(Path.Combine(pack, PackManifest.FileName))) stream.SetLength((1 << 20) + 1);

        var error = Assert.Throws<PackException>(() => ModelPack.Open(pack));

        Assert.Equal("'manifest.json' is 1048577 bytes (at most 1048576)", error.Message);
    }

    [Fact]
    public void A_source_file_is_never_read_past_its_size_plus_one_byte()
    {
        var path = Path.Combine(_site.Root, "growing.bin");
        File.WriteAllBytes(path, new byte[1000]);
        using var file = SourceFile.Open(path, "growing.bin", 1000);
        File.AppendAllText(path, new string('x', 100_000)); // it grows after it was opened

        using var stream = file.OpenRead();
        var read = new MemoryStream();
        stream.CopyTo(read);

        Assert.Equal(1001, read.Length);
    }

    [Fact]
    public async Task Writing_a_pack_from_a_fifo_is_refused_without_hanging()
    {
        var fifo = Path.Combine(_site.Root, "pipe.gguf");
        FileSystemObjects.Fifo(fifo);
        using var key = Airgap.Models.Signing.SigningKeys.LoadPrivate(_site.KeyPath);

        var error = await FileSystemObjects.WithinDeadline(() => PackWriter.WriteAsync(Path.Combine(_site.Root, "out"),
            new PackRequest(ModelName.Parse("pipe:test"), SemanticVersion.Parse("1.0.0"), "gguf", null, null), [(fifo, "model.gguf")], key));

        Assert.EndsWith("is a FIFO (named pipe), not an ordinary file; packs hold ordinary files only", Assert.IsType<PackException>(error).Message);
        Assert.False(Directory.Exists(Path.Combine(_site.Root, "out")));
    }
}
