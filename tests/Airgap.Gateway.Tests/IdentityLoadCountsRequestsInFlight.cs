namespace Airgap.Gateway.Tests;

public sealed class IdentityLoadCountsRequestsInFlight
{
    private readonly IdentityLoad _load = new();

    [Fact]
    public void Each_caller_is_counted_while_its_requests_are_in_flight()
    {
        using var a1 = _load.Enter("key-a");
        using var a2 = _load.Enter("key-a");
        using var b = _load.Enter("anonymous");

        Assert.Equal(new Dictionary<string, int> { ["anonymous"] = 1, ["key-a"] = 2 }, _load.Snapshot());
    }

    [Fact]
    public void Leaving_counts_one_request_down()
    {
        var a1 = _load.Enter("key-a");
        using var a2 = _load.Enter("key-a");

        a1.Dispose();

        Assert.Equal(new Dictionary<string, int> { ["key-a"] = 1 }, _load.Snapshot());
    }

    [Fact]
    public void Disposing_a_handle_twice_counts_it_down_once()
    {
        var a1 = _load.Enter("key-a");
        using var a2 = _load.Enter("key-a");

        a1.Dispose();
        a1.Dispose();

        Assert.Equal(new Dictionary<string, int> { ["key-a"] = 1 }, _load.Snapshot());
    }

    [Fact]
    public void A_caller_with_nothing_in_flight_is_not_listed()
    {
        _load.Enter("key-a").Dispose();
        using var b = _load.Enter("key-b");

        Assert.Equal(["key-b"], _load.Snapshot().Keys);
    }

    [Fact]
    public void A_caller_that_comes_back_is_counted_from_one_again()
    {
        _load.Enter("key-a").Dispose();

        using var again = _load.Enter("key-a");

        Assert.Equal(new Dictionary<string, int> { ["key-a"] = 1 }, _load.Snapshot());
    }

    [Fact]
    public void Requests_entering_and_leaving_at_once_leave_no_count_behind()
    {
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var outer = _load.Enter($"key-{i % 3}");
            _load.Enter($"key-{i % 5}").Dispose();
        });

        Assert.Empty(_load.Snapshot());
    }

    [Fact]
    public void A_snapshot_is_a_copy_that_later_requests_do_not_change()
    {
        using var a = _load.Enter("key-a");
        var before = _load.Snapshot();

        using var b = _load.Enter("key-a");

        Assert.Equal(1, before["key-a"]);
    }
}
