using Airgap.Inference.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

/// <summary>A caller that repeated an Idempotency-Key follows the job the key first queued.</summary>
public sealed class ReplyStreamForARepeatedIdempotencyKey
{
    private readonly JobReplyStream _stream = new(WorkerFrames.Job(), new WorkerDirectory(new GatewayOptions(), new FakeTimeProvider()),
        TimeSpan.FromSeconds(30), attached: true);
    private readonly WorkerFrames _worker = new(attempt: 1);

    [Fact]
    public void Timing_out_before_the_job_started_says_the_key_is_taken()
    {
        var error = Assert.IsType<DuplicateRequestException>(_stream.TimedOut());

        Assert.Equal("Idempotency-Key: the request first sent with this key was already answered, or still waits for a worker", error.Message);
    }

    [Fact]
    public void Joining_a_job_already_answering_says_the_answer_goes_to_the_first_caller()
    {
        var caller = new Caller(_stream);
        _worker.Lose();
        _worker.Lose();

        var error = Assert.Throws<DuplicateRequestException>(() => caller.Receive(_worker.Text("lo")));

        Assert.Equal("Idempotency-Key: the request first sent with this key is already running; its answer goes to that caller", error.Message);
        Assert.Empty(caller.Updates);
    }

    [Fact]
    public void Joining_before_the_job_started_gives_the_whole_answer()
    {
        var caller = new Caller(_stream);

        caller.Receive(_worker.Started(), _worker.Text("Hello"), _worker.Done());

        Assert.Equal("Hello", caller.Text);
        Assert.True(caller.Finished);
    }

    [Fact]
    public void Once_started_a_silent_worker_is_reported_as_for_any_caller()
    {
        new Caller(_stream).Receive(_worker.Started(), _worker.Text("Hel"));

        Assert.IsType<GenerationInterruptedException>(_stream.TimedOut());
    }

    [Fact]
    public void Once_started_a_lost_frame_is_an_interruption_not_a_duplicate()
    {
        var caller = new Caller(_stream);
        caller.Receive(_worker.Started());
        var rerun = new WorkerFrames(attempt: 2);
        rerun.Lose();

        Assert.Throws<GenerationInterruptedException>(() => caller.Receive(rerun.Text("Hi")));
    }
}
