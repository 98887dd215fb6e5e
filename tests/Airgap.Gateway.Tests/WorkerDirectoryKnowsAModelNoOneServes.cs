using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class WorkerDirectoryKnowsAModelNoOneServes
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-02T08:00:00Z"));
    private readonly WorkerDirectory _workers;

    public WorkerDirectoryKnowsAModelNoOneServes() => _workers = new WorkerDirectory(new GatewayOptions { HeartbeatInterval = TimeSpan.FromSeconds(1) }, _clock);

    [Fact]
    public void With_workers_up_and_none_serving_a_model_it_lists_what_they_serve()
    {
        _clock.Advance(TimeSpan.FromSeconds(4));
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["tiny:test"] });
        _workers.Record(new WorkerHeartbeat { Id = "w2", Models = ["qwen2.5:0.5b", "tiny:test"] });

        Assert.Equal(["qwen2.5:0.5b", "tiny:test"], _workers.NoneServes("qwen3:0.6b"));
        Assert.Null(_workers.NoneServes("tiny:test"));
        Assert.Null(_workers.NoneServes("qwen2.5:0.5b@1.0.0"));
    }

    [Fact]
    public void It_cannot_know_with_no_worker_up_or_before_three_heartbeats_have_passed()
    {
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["tiny:test"] });
        Assert.Null(_workers.NoneServes("qwen3:0.6b"));

        _clock.Advance(TimeSpan.FromSeconds(3.5));
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["tiny:test"] });
        Assert.NotNull(_workers.NoneServes("qwen3:0.6b"));

        // Silent for 31 s (a loaded worker may be late, so it counts for 30 s): no one is up to say what is served.
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(_workers.NoneServes("qwen3:0.6b"));
    }
}
