using Airgap.Inference.Errors;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Naming;
using Airgap.Models.Storage;
using Airgap.Models.Synthetic;
using Airgap.Models.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Inference.Tests;

public sealed class LoadCheckSeesThroughARestoredMtime : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("airgap-integrity-").FullName;
    private readonly AirgapHome _home;
    private readonly ModelRegistry _registry;
    private readonly ModelVersion _version;

    public LoadCheckSeesThroughARestoredMtime()
    {
        _home = new AirgapHome(Path.Combine(_root, "home"));
        _registry = new ModelRegistry(_home.RegistryPath);
        var file = Path.Combine(_root, "tiny.gguf");
        SyntheticModelWriter.Write(file, SyntheticPreset.Tiny);
        _version = new ModelImporter(_home, _registry, new HeaderValidator())
            .ImportFileAsync(ImportSource.FromFile(file, ModelName.Parse("tiny:test"), SemanticVersion.Parse("1.0.0")),
                new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult().Version;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Flips one byte in place (same inode, same size) and puts the modification time back as it was.
    private void TamperKeepingSizeAndMtime()
    {
        var blob = _home.BlobPath(_version.Digest);
        var modified = File.GetLastWriteTimeUtc(blob);
        // ctime comes from the kernel's coarse clock; let it tick past the load's so the change is visible.
        Thread.Sleep(20);
        using (var stream = new FileStream(blob, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = stream.Length / 2;
            var b = stream.ReadByte();
            stream.Position = stream.Length / 2;
            stream.WriteByte((byte)(b ^ 0x01));
        }
        File.SetLastWriteTimeUtc(blob, modified);
        Assert.Equal(modified, File.GetLastWriteTimeUtc(blob));
    }

    [Fact]
    public void A_blob_tampered_after_a_good_check_is_refused_though_its_size_and_mtime_are_restored()
    {
        var integrity = new BlobIntegrity();
        integrity.Verify(_home.BlobPath(_version.Digest), _version.Digest);

        TamperKeepingSizeAndMtime();

        var error = Assert.Throws<IOException>(() => integrity.Verify(_home.BlobPath(_version.Digest), _version.Digest));
        Assert.StartsWith($"blob sha256-{_version.Digest} was changed on disk", error.Message);
    }

    [Fact]
    public async Task The_model_host_refuses_to_reload_it_and_models_verify_agrees()
    {
        using var host = new ModelHost(_registry, _home, new ScriptedRunnerFactory(),
            new InferenceOptions { MemoryBudgetBytes = 1_000_000 }, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T00:00:00Z")));
        (await host.AcquireAsync("tiny:test", null, default)).Dispose();
        Assert.True(host.Unload("tiny:test"));

        TamperKeepingSizeAndMtime();

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => host.AcquireAsync("tiny:test", null, default));
        Assert.Contains("was changed on disk", error.Message);
        var corrupt = Assert.Single((await new BlobVerifier(_home, _registry).VerifyAsync(null, default)).Corrupt);
        Assert.Equal(_version.Digest, corrupt.Digest);
    }
}
