using Airgap.Inference.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class ReplyStreamExplainsWhyItStoppedWaiting
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));
    private readonly WorkerDirectory _workers;
    private readonly WorkerFrames _worker = new(attempt: 1);

    public ReplyStreamExplainsWhyItStoppedWaiting() => _workers = new WorkerDirectory(new GatewayOptions(), _clock);

    private JobReplyStream Stream(TimeSpan? startTimeout = null) => new(WorkerFrames.Job("tiny"), _workers, startTimeout ?? TimeSpan.FromSeconds(30));

    [Fact]
    public void Before_any_worker_started_it_with_none_serving_the_model_the_model_is_unavailable_for_no_worker()
    {
        var error = Assert.IsType<ModelUnavailableException>(Stream().TimedOut());

        Assert.Equal("tiny", error.Model);
        Assert.Equal("model 'tiny' is unavailable: no worker started the job within 30 s (no worker serves it); retry later", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Fact]
    public void Before_any_worker_started_it_with_busy_workers_it_says_how_busy()
    {
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["tiny:latest"], Parallel = 2, Running = 2 });
        _workers.Record(new WorkerHeartbeat { Id = "w2", Models = ["tiny:latest", "qwen2.5:0.5b"], Parallel = 4, Running = 4 });

        var error = Assert.IsType<ModelUnavailableException>(Stream().TimedOut());

        Assert.Contains("no worker started the job within 30 s (2 worker(s) serve it, running 6 of 6 slots)", error.Message);
    }

    [Fact]
    public void Workers_that_serve_only_other_models_do_not_count()
    {
        _workers.Record(new WorkerHeartbeat { Id = "w1", Models = ["qwen2.5:0.5b"], Parallel = 2 });

        Assert.Contains("(no worker serves it)", Stream().TimedOut().Message);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(30, 30)]
    [InlineData(600, 60)]
    public void The_retry_after_is_the_start_timeout_kept_between_one_second_and_a_minute(double startSeconds, double retrySeconds)
    {
        var error = Assert.IsType<ModelUnavailableException>(Stream(TimeSpan.FromSeconds(startSeconds)).TimedOut());

        Assert.Equal(TimeSpan.FromSeconds(retrySeconds), error.RetryAfter);
    }

    [Fact]
    public void A_worker_that_started_and_went_silent_before_any_text_leaves_the_model_unavailable()
    {
        var stream = Stream();
        new Caller(stream).Receive(_worker.Started(), _worker.Alive());

        var error = Assert.IsType<ModelUnavailableException>(stream.TimedOut());

        Assert.Contains("its worker went silent and no other took the job over", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
    }

    [Fact]
    public void A_worker_that_went_silent_mid_answer_interrupts_the_generation()
    {
        var stream = Stream();
        new Caller(stream).Receive(_worker.Started(), _worker.Text("Hel"));

        var error = Assert.IsType<GenerationInterruptedException>(stream.TimedOut());

        Assert.Equal("the generation was interrupted: its worker went silent mid-answer; send the request again", error.Message);
    }

    [Fact]
    public void A_rerun_that_went_silent_while_repeating_the_text_interrupts_the_generation()
    {
        var stream = Stream();
        var rerun = new WorkerFrames(attempt: 2);
        new Caller(stream).Receive(_worker.Started(), _worker.Text("Hello"), rerun.Started(), rerun.Text("Hel"));

        Assert.IsType<GenerationInterruptedException>(stream.TimedOut());
    }
}
