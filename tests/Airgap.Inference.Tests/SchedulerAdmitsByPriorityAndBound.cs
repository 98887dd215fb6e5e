using Airgap.Inference.Errors;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Inference.Tests;

public sealed class SchedulerAdmitsByPriorityAndBound
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));

    private GenerationJob Job(int priority, CancellationToken cancellation = default) =>
        new([1, 2, 3], new GenerationOptions(), priority, _clock.GetUtcNow(), cancellation);

    [Fact]
    public void Higher_priority_goes_first_and_equal_priorities_keep_their_order()
    {
        var queue = new PriorityRequestQueue("m", 10, _clock);
        var low1 = Job(1);
        var high = Job(7);
        var low2 = Job(1);
        var mid = Job(4);
        foreach (var job in new[] { low1, high, low2, mid }) queue.Enqueue(job);

        Assert.Equal([high, mid, low1, low2], [queue.TryDequeue()!, queue.TryDequeue()!, queue.TryDequeue()!, queue.TryDequeue()!]);
        Assert.Null(queue.TryDequeue());
    }

    [Fact]
    public void A_waiting_request_ages_up_one_level_every_30_seconds_so_nothing_starves()
    {
        var queue = new PriorityRequestQueue("m", 10, _clock);
        var old = Job(0);
        queue.Enqueue(old);
        _clock.Advance(TimeSpan.FromSeconds(95)); // three levels of aging: effective priority 3
        var newer = Job(3);
        var urgent = Job(4);
        queue.Enqueue(newer);
        queue.Enqueue(urgent);

        Assert.Same(urgent, queue.TryDequeue());
        Assert.Same(old, queue.TryDequeue()); // ties with newer at 3, and waited longer
        Assert.Same(newer, queue.TryDequeue());
    }

    [Fact]
    public void A_full_queue_refuses_at_once_with_a_retry_hint()
    {
        var queue = new PriorityRequestQueue("tiny:test", 2, _clock);
        queue.Enqueue(Job(0));
        queue.Enqueue(Job(0));

        var error = Assert.Throws<QueueFullException>(() => queue.Enqueue(Job(9)));

        Assert.Contains("tiny:test", error.Message);
        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task A_cancelled_waiting_request_is_dropped_and_told_so()
    {
        var queue = new PriorityRequestQueue("m", 10, _clock);
        using var cancel = new CancellationTokenSource();
        var gone = Job(9, cancel.Token);
        var kept = Job(0);
        queue.Enqueue(gone);
        queue.Enqueue(kept);
        await cancel.CancelAsync();

        Assert.Same(kept, queue.TryDequeue());
        var final = await gone.Output.Reader.ReadAsync();
        Assert.Equal(DoneReason.Cancelled, final.Done);
    }
}
