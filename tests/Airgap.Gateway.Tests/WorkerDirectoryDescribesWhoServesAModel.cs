using Airgap.Inference.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class WorkerDirectoryDescribesWhoServesAModel
{
    private readonly WorkerDirectory _workers = new(new GatewayOptions(), new FakeTimeProvider());

    [Fact]
    public void With_no_heartbeat_no_worker_serves_it()
    {
        Assert.Equal("no worker serves it", _workers.Describe("tiny"));
    }

    [Fact]
    public void Workers_of_the_model_are_counted_with_their_running_and_total_slots()
    {
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["tiny:latest"], Parallel = 2, Running = 1 });
        _workers.Record(new WorkerHeartbeat { Id = "w2", Models = ["qwen2.5:0.5b", "tiny:latest"], Parallel = 4, Running = 4 });
        _workers.Record(new WorkerHeartbeat { Id = "w3", Models = ["qwen2.5:0.5b"], Parallel = 8, Running = 8 });

        Assert.Equal("2 worker(s) serve it, running 5 of 6 slots", _workers.Describe("tiny"));
        Assert.Equal("2 worker(s) serve it, running 12 of 12 slots", _workers.Describe("qwen2.5:0.5b@1.0.0"));
    }

    [Fact]
    public void The_model_is_matched_by_its_queue_name()
    {
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["tiny:latest"], Parallel = 2 });

        Assert.Equal(_workers.Describe("tiny:latest"), _workers.Describe("Tiny@3"));
        Assert.StartsWith("1 worker(s)", _workers.Describe("tiny"));
    }

    [Fact]
    public void Workers_of_other_models_do_not_serve_it()
    {
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["tiny:1b"], Parallel = 2 });

        Assert.Equal("no worker serves it", _workers.Describe("tiny"));
    }

    [Fact]
    public void A_bad_model_name_is_an_invalid_request()
    {
        Assert.Equal("model", Assert.Throws<InvalidRequestException>(() => _workers.Describe("no such model!")).Field);
    }
}
