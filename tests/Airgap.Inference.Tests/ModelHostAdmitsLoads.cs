using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using Airgap.Models.Naming;

namespace Airgap.Inference.Tests;

public sealed class ModelHostAdmitsLoads : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ScriptedModelSite _site = new();

    public void Dispose() => _site.Dispose();

    private static async Task StaysPending(Task task) => Assert.False(await Task.WhenAny(task, Task.Delay(300)) == task, "should still be waiting");

    [Fact]
    public async Task Two_models_asked_for_at_once_load_one_after_the_other_and_max_loaded_holds()
    {
        _site.Factory.LoadDelay = TimeSpan.FromMilliseconds(100);
        using var host = _site.Host(new InferenceOptions { MaxLoadedModels = 1, MemoryBudgetBytes = 1_000_000 });

        var a = host.AcquireAsync("a:1", null, default);
        var b = host.AcquireAsync("b:1", null, default);
        var first = await Task.WhenAny(a, b).WaitAsync(Patience);
        var second = first == a ? b : a;

        await StaysPending(second); // the first holds its lease: the second waits instead of loading beside it
        Assert.Equal(1, _site.Factory.MostInFlight);
        Assert.Single(host.Loaded);

        (await first).Dispose();
        using var lease = await second.WaitAsync(Patience);
        Assert.Single(host.Loaded);
        Assert.Equal(2, _site.Factory.Loads.Count);
        Assert.Single(_site.Factory.Unloads);
    }

    [Fact]
    public async Task Busy_then_idle_then_served_and_busy_is_never_remembered_as_a_load_failure()
    {
        _site.Factory.BytesPerModel = 600;
        using var host = _site.Host(new InferenceOptions { MaxLoadedModels = 3, MemoryBudgetBytes = 1000 });
        var busy = await host.AcquireAsync("a:1", null, default);

        var waiting = host.AcquireAsync("b:1", null, default);
        await StaysPending(waiting);
        Assert.Equal(1, host.WaitingForLoad);

        busy.Dispose();
        (await waiting.WaitAsync(Patience)).Dispose();
        Assert.Equal(["b:1"], ScriptedModelSite.Loaded(host));
        (await host.AcquireAsync("b:1", null, default)).Dispose(); // no back-off was recorded
    }

    [Fact]
    public async Task Requests_waiting_for_a_load_count_against_max_queue_and_leave_it_when_cancelled()
    {
        using var host = _site.Host(new InferenceOptions { MaxLoadedModels = 1, MaxQueue = 2, MemoryBudgetBytes = 1_000_000 });
        using var busy = await host.AcquireAsync("a:1", null, default);
        using var leave = new CancellationTokenSource();
        var w1 = host.AcquireAsync("b:1", null, leave.Token);
        var w2 = host.AcquireAsync("c:1", null, default);

        var full = await Assert.ThrowsAsync<QueueFullException>(() => host.AcquireAsync("b:1", null, default));
        Assert.True(full.RetryAfter > TimeSpan.Zero);

        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => w1);
        Assert.Equal(1, host.WaitingForLoad);
        Assert.False(w2.IsCompleted);
    }

    [Fact]
    public async Task A_load_whose_only_requester_left_is_kept_for_that_requests_keep_alive()
    {
        _site.Factory.LoadGate.Reset();
        using var host = _site.Host();
        using var leave = new CancellationTokenSource();
        var waiting = host.AcquireAsync("a:1", TimeSpan.FromMinutes(5), leave.Token);
        Assert.True(await _site.Factory.LoadsBegun.WaitAsync(Patience));

        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _site.Factory.LoadGate.Set();
        await WaitUntil(() => host.Loaded.Count == 1);

        var model = host.Loaded.Single();
        Assert.Equal(0, model.References);
        Assert.Equal(_site.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), model.ExpiresAt);
        _site.Clock.Advance(TimeSpan.FromMinutes(5.1));
        Assert.Empty(host.Loaded);
    }

    [Fact]
    public async Task An_unload_asked_for_while_a_request_holds_the_model_happens_when_it_ends()
    {
        using var host = _site.Host();
        var lease = await host.AcquireAsync("a:1", TimeSpan.FromSeconds(-1), default);

        Assert.True(host.Unload("a:1"));
        Assert.Empty(_site.Factory.Unloads); // the request still uses it
        Assert.Empty(host.Loaded);

        lease.Dispose();
        Assert.Equal(["a:1@1.0.0"], _site.Factory.Unloads);
    }

    [Fact]
    public async Task A_model_removed_from_the_registry_stops_being_served_even_with_keep_alive_forever()
    {
        using var host = _site.Host();
        var lease = await host.AcquireAsync("a:1", TimeSpan.FromSeconds(-1), default);
        (await host.AcquireAsync("b:1", TimeSpan.FromSeconds(-1), default)).Dispose();

        await _site.Importer.RemoveAsync(ModelName.Parse("a:1"), "1.0.0", force: true, default);
        await _site.Importer.RemoveAsync(ModelName.Parse("b:1"), "1.0.0", force: true, default);
        _site.Clock.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal(["b:1@1.0.0"], _site.Factory.Unloads);
        lease.Dispose();
        Assert.Equal(["a:1@1.0.0", "b:1@1.0.0"], _site.Factory.Unloads.Order().ToList());
    }

    [Fact]
    public async Task Shutdown_ends_queued_jobs_and_waiting_loads_with_an_error_and_unloads_everything()
    {
        var host = _site.Host(new InferenceOptions { MaxLoadedModels = 1, MemoryBudgetBytes = 1_000_000 });
        var lease = await host.AcquireAsync("a:1", null, default);
        var queued = new GenerationJob([1, 2], new GenerationOptions(), 0, _site.Clock.GetUtcNow(), default);
        lease.Model.Runner.Queue.Enqueue(queued);
        var waiting = host.AcquireAsync("b:1", null, default);
        await StaysPending(waiting);

        host.Dispose();

        await Assert.ThrowsAsync<ShuttingDownException>(() => waiting.WaitAsync(Patience));
        var final = await queued.Output.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(DoneReason.Error, final.Done);
        Assert.Contains("shutting down", final.Error);
        Assert.IsType<ShuttingDownException>(final.Failure); // so the HTTP layer answers 503, not 500
        Assert.Equal(["a:1@1.0.0"], _site.Factory.Unloads);
        await Assert.ThrowsAsync<ShuttingDownException>(() => host.AcquireAsync("a:1", null, default));
        lease.Dispose();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(20))
        {
            Assert.True(waited < Patience, "the condition never held");
            await Task.Delay(20);
        }
    }
}
