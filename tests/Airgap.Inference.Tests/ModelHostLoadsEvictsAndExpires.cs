using Airgap.Inference.Errors;
using Airgap.Inference.Scheduling;

namespace Airgap.Inference.Tests;

public sealed class ModelHostLoadsEvictsAndExpires : IDisposable
{
    private readonly ScriptedModelSite _site = new();

    public void Dispose() => _site.Dispose();

    private ModelHost Host(InferenceOptions? options = null) => _site.Host(options);

    private static IReadOnlyList<string> Loaded(ModelHost host) => ScriptedModelSite.Loaded(host);

    [Fact]
    public async Task The_least_recently_used_idle_model_is_evicted_beyond_max_loaded()
    {
        using var host = Host(new InferenceOptions { MaxLoadedModels = 2, MemoryBudgetBytes = 1_000_000 });
        (await host.AcquireAsync("a:1", null, default)).Dispose();
        _site.Clock.Advance(TimeSpan.FromSeconds(1));
        (await host.AcquireAsync("b:1", null, default)).Dispose();
        _site.Clock.Advance(TimeSpan.FromSeconds(1));
        (await host.AcquireAsync("a:1", null, default)).Dispose(); // a is now more recent than b

        (await host.AcquireAsync("c:1", null, default)).Dispose();

        Assert.Equal(["a:1", "c:1"], Loaded(host));
        Assert.Equal(["b:1@1.0.0"], _site.Factory.Unloads);
    }

    [Fact]
    public async Task Keep_alive_unloads_an_idle_model_when_it_runs_out()
    {
        using var host = Host();
        (await host.AcquireAsync("a:1", TimeSpan.FromMinutes(5), default)).Dispose();
        (await host.AcquireAsync("b:1", TimeSpan.FromSeconds(-1), default)).Dispose();

        _site.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(["a:1", "b:1"], Loaded(host));
        _site.Clock.Advance(TimeSpan.FromMinutes(1.1));
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
        _site.Factory.LoadDelay = TimeSpan.FromMilliseconds(200);
        using var host = Host();

        var leases = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.AcquireAsync("a:1", null, default)));

        Assert.Equal(["a:1@1.0.0"], _site.Factory.Loads);
        Assert.Equal(6, host.Loaded.Single().References);
        foreach (var lease in leases) lease.Dispose();
    }

    [Fact]
    public async Task A_blob_changed_on_disk_is_refused_and_not_retried_in_a_loop()
    {
        using var host = Host();
        var blob = _site.Home.BlobPath(_site.Registry.Resolve("a:1").Digest);
        var bytes = File.ReadAllBytes(blob);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);

        var first = await Assert.ThrowsAsync<ModelLoadException>(() => host.AcquireAsync("a:1", null, default));
        var second = await Assert.ThrowsAsync<ModelLoadException>(() => host.AcquireAsync("a:1", null, default));

        Assert.Contains("changed on disk", first.Message);
        Assert.Equal(first.Message, second.Message);
        Assert.Empty(_site.Factory.Loads);
    }
}
