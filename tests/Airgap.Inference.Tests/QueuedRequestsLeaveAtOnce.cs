using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;

namespace Airgap.Inference.Tests;

/// <summary>On the scripted runner, which never takes jobs from its queue: what happens to a request while it waits.</summary>
public sealed class QueuedRequestsLeaveAtOnce : IDisposable
{
    private readonly ScriptedModelSite _site = new();

    public void Dispose() => _site.Dispose();

    private static async Task<GenerationEvent> Final(GenerationStream stream)
    {
        await foreach (var e in stream.Events)
            if (e.IsFinal) return e;
        throw new InvalidOperationException("no final event");
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_the_moment_its_client_goes()
    {
        using var host = _site.Host();
        var scheduler = new InferenceScheduler(host, _site.Clock);
        using var leave = new CancellationTokenSource();
        var stream = await scheduler.GenerateAsync(new GenerationRequest("a:1", "a prompt", new GenerationOptions()), leave.Token);
        var queue = host.Loaded.Single().Runner.Queue;
        Assert.Equal(1, queue.Count);

        await leave.CancelAsync();

        Assert.Equal(0, queue.Count);
        Assert.Equal(DoneReason.Cancelled, (await Final(stream)).Done);
    }

    [Fact]
    public async Task A_request_still_waiting_at_its_deadline_ends_as_timed_out()
    {
        using var host = _site.Host(new InferenceOptions { MemoryBudgetBytes = 1_000_000, RequestTimeout = TimeSpan.FromSeconds(30) });
        var scheduler = new InferenceScheduler(host, _site.Clock);
        var stream = await scheduler.GenerateAsync(new GenerationRequest("a:1", "a prompt", new GenerationOptions()), default);

        _site.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(0, host.Loaded.Single().Runner.Queue.Count);
        Assert.Equal(DoneReason.Timeout, (await Final(stream)).Done);
    }

    [Fact]
    public async Task An_embedding_still_waiting_at_its_deadline_is_a_timeout_error()
    {
        using var host = _site.Host(new InferenceOptions { MemoryBudgetBytes = 1_000_000, RequestTimeout = TimeSpan.FromSeconds(30) });
        var scheduler = new InferenceScheduler(host, _site.Clock);
        var embedding = scheduler.EmbedAsync(new EmbeddingRequest("a:1", ["x"]), default);
        await WaitUntil(() => host.Loaded.Count == 1 && host.Loaded[0].Runner.Queue.Count == 1);

        _site.Clock.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<RequestTimeoutException>(() => embedding);
    }

    [Fact]
    public async Task A_full_queue_refuses_an_embedding_like_a_generation()
    {
        using var host = _site.Host(new InferenceOptions { MemoryBudgetBytes = 1_000_000, MaxQueue = 1 });
        var scheduler = new InferenceScheduler(host, _site.Clock);
        await scheduler.GenerateAsync(new GenerationRequest("a:1", "first", new GenerationOptions()), default);

        await Assert.ThrowsAsync<QueueFullException>(() => scheduler.EmbedAsync(new EmbeddingRequest("a:1", ["x"]), default));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; !condition(); i++)
        {
            Assert.True(i < 500, "the condition never held");
            await Task.Delay(20);
        }
    }
}
