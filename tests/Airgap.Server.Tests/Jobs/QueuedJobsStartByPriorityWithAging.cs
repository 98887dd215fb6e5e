using Airgap.Server.Jobs;

namespace Airgap.Server.Tests.Jobs;

public sealed class QueuedJobsStartByPriorityWithAging : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Aging = TimeSpan.FromMinutes(1);

    private readonly string _root = Directory.CreateTempSubdirectory("airgap-job-order-").FullName;
    private readonly JobStore _store;

    public QueuedJobsStartByPriorityWithAging() => _store = new JobStore(Path.Combine(_root, JobStore.FileName));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Submit(int priority, DateTimeOffset at) =>
        _store.Submit(new NewJob("anonymous", null, "d", priority, null, "POST", "/api/embed", "", "application/json", null, []), 100, at).Job.Id;

    [Fact]
    public void Highest_priority_starts_first_and_equal_priorities_start_in_the_order_they_came()
    {
        var low = Submit(0, T0);
        var high = Submit(9, T0);
        var middleFirst = Submit(5, T0);
        var middleSecond = Submit(5, T0);

        var order = Enumerable.Range(0, 4).Select(_ => _store.ClaimNext(T0, Aging)!.Id).ToList();

        Assert.Equal([high, middleFirst, middleSecond, low], order);
        Assert.Null(_store.ClaimNext(T0, Aging));
    }

    [Fact]
    public void A_low_priority_job_gains_a_level_per_aging_interval_and_is_not_starved_by_newer_high_ones()
    {
        var old = Submit(0, T0);
        var now = T0 + 9 * Aging;
        var fresh = Submit(8, now);

        Assert.Equal(old, _store.ClaimNext(now, Aging)!.Id);
        Assert.Equal(fresh, _store.ClaimNext(now, Aging)!.Id);
    }
}
