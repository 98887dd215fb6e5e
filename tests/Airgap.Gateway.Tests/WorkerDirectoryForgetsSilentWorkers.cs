using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class WorkerDirectoryForgetsSilentWorkers
{
    private static readonly GatewayOptions Options = new() { HeartbeatInterval = TimeSpan.FromSeconds(2) };
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));
    private readonly WorkerDirectory _workers;

    public WorkerDirectoryForgetsSilentWorkers() => _workers = new WorkerDirectory(Options, _clock);

    private static WorkerHeartbeat Beat(string id, int running = 0) => new() { Id = id, Models = ["tiny:latest"], Parallel = 4, Running = running };

    [Fact]
    public void A_worker_heard_within_three_heartbeats_is_live()
    {
        _workers.Record(Beat("w1"));

        _clock.Advance(Options.HeartbeatInterval * 3);

        Assert.Equal(["w1"], _workers.Live().Select(w => w.Id));
    }

    [Fact]
    public void A_worker_silent_for_longer_than_three_heartbeats_drops_out()
    {
        _workers.Record(Beat("w1"));

        _clock.Advance(Options.HeartbeatInterval * 3 + TimeSpan.FromMilliseconds(1));

        Assert.Empty(_workers.Live());
        Assert.Equal("no worker serves it", _workers.Describe("tiny"));
    }

    [Fact]
    public void Each_heartbeat_starts_the_silence_again()
    {
        _workers.Record(Beat("w1"));
        _clock.Advance(Options.HeartbeatInterval * 2);
        _workers.Record(Beat("w1"));

        _clock.Advance(Options.HeartbeatInterval * 2);

        Assert.Equal(["w1"], _workers.Live().Select(w => w.Id));
    }

    [Fact]
    public void The_latest_heartbeat_is_what_the_directory_shows()
    {
        _workers.Record(Beat("w1", running: 1));
        _workers.Record(Beat("w1", running: 3));

        Assert.Equal(3, Assert.Single(_workers.Live()).Running);
    }

    [Fact]
    public void Only_the_silent_worker_drops_out_and_the_rest_are_listed_by_id()
    {
        _workers.Record(Beat("w-old"));
        _clock.Advance(Options.HeartbeatInterval * 2);
        _workers.Record(Beat("w2"));
        _workers.Record(Beat("W1"));
        _workers.Record(Beat("w1"));

        _clock.Advance(Options.HeartbeatInterval * 2);

        Assert.Equal(["W1", "w1", "w2"], _workers.Live().Select(w => w.Id));
    }

    [Fact]
    public void A_worker_that_speaks_again_after_dropping_out_is_live_again()
    {
        _workers.Record(Beat("w1"));
        _clock.Advance(Options.HeartbeatInterval * 4);
        Assert.Empty(_workers.Live());

        _workers.Record(Beat("w1"));

        Assert.Single(_workers.Live());
    }
}
