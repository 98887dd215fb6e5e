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

public sealed class ModelHostLoadsEvictsAndExpires : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("airgap-host-").FullName;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));
    private readonly ScriptedRunnerFactory _factory = new();
    private readonly AirgapHome _home;
    private readonly ModelRegistry _registry;

    public ModelHostLoadsEvictsAndExpires()
    {
        _home = new AirgapHome(Path.Combine(_root, "home"));
        _registry = new ModelRegistry(_home.RegistryPath);
        var importer = new ModelImporter(_home, _registry, new HeaderValidator());
        foreach (var (name, seed) in new[] { ("a:1", 1UL), ("b:1", 2UL), ("c:1", 3UL) })
        {
            var file = Path.Combine(_root, $"{seed}.gguf");
            SyntheticModelWriter.Write(file, SyntheticPreset.Tiny, seed: seed);
            importer.ImportFileAsync(ImportSource.FromFile(file, ModelName.Parse(name), SemanticVersion.Parse("1.0.0")),
                new ImportOptions(AllowUnsigned: true), null, default).GetAwaiter().GetResult();
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ModelHost Host(InferenceOptions? options = null) =>
        new(_registry, _home, _factory, options ?? new InferenceOptions { MemoryBudgetBytes = 1_000_000 }, _clock);

    private static IReadOnlyList<string> Loaded(ModelHost host) => host.Loaded.Select(m => m.Version.Name).Order().ToList();

    [Fact]
    public async Task The_least_recently_used_idle_model_is_evicted_beyond_max_loaded()
    {
        using var host = Host(new InferenceOptions { MaxLoadedModels = 2, MemoryBudgetBytes = 1_000_000 });
        (await host.AcquireAsync("a:1", null, default)).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await host.AcquireAsync("b:1", null, default)).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await host.AcquireAsync("a:1", null, default)).Dispose(); // a is now more recent than b

        (await host.AcquireAsync("c:1", null, default)).Dispose();

        Assert.Equal(["a:1", "c:1"], Loaded(host));
        Assert.Equal(["b:1@1.0.0"], _factory.Unloads);
    }

    [Fact]
    public async Task A_model_in_use_is_never_evicted_and_the_memory_budget_counts()
    {
        _factory.BytesPerModel = 600;
        using var host = Host(new InferenceOptions { MaxLoadedModels = 3, MemoryBudgetBytes = 1000 });
        using var busy = await host.AcquireAsync("a:1", null, default);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => host.AcquireAsync("b:1", null, default));

        Assert.Contains("busy", error.Message);
        Assert.Equal(["a:1"], Loaded(host));
    }

    [Fact]
    public async Task Keep_alive_unloads_an_idle_model_when_it_runs_out()
    {
        using var host = Host();
        (await host.AcquireAsync("a:1", TimeSpan.FromMinutes(5), default)).Dispose();
        (await host.AcquireAsync("b:1", TimeSpan.FromSeconds(-1), default)).Dispose();

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(["a:1", "b:1"], Loaded(host));
        _clock.Advance(TimeSpan.FromMinutes(1.1));
        Assert.Equal(["b:1"], Loaded(host)); // negative keep_alive: kept forever
    }

    [Fact]
    public async Task Keep_alive_zero_unloads_right_after_the_request()
    {
        using var host = Host();
        var lease = await host.AcquireAsync("a:1", TimeSpan.Zero, default);
        Assert.Equal(["a:1"], Loaded(host));

        lease.Dispose();

        Assert.Empty(Loaded(host));
    }

    [Fact]
    public async Task Concurrent_first_requests_load_a_model_once()
    {
        _factory.LoadDelay = TimeSpan.FromMilliseconds(200);
        using var host = Host();

        var leases = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.AcquireAsync("a:1", null, default)));

        Assert.Equal(["a:1@1.0.0"], _factory.Loads);
        Assert.Equal(6, host.Loaded.Single().References);
        foreach (var lease in leases) lease.Dispose();
    }

    [Fact]
    public async Task A_blob_changed_on_disk_is_refused_and_not_retried_in_a_loop()
    {
        using var host = Host();
        var blob = _home.BlobPath(_registry.Resolve("a:1").Digest);
        var bytes = File.ReadAllBytes(blob);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);

        var first = await Assert.ThrowsAsync<ModelLoadException>(() => host.AcquireAsync("a:1", null, default));
        var second = await Assert.ThrowsAsync<ModelLoadException>(() => host.AcquireAsync("a:1", null, default));

        Assert.Contains("changed on disk", first.Message);
        Assert.Equal(first.Message, second.Message);
        Assert.Empty(_factory.Loads);
    }
}
