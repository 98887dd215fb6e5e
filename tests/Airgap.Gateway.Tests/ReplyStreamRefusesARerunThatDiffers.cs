using Airgap.Inference.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class ReplyStreamRefusesARerunThatDiffers
{
    private readonly JobReplyStream _stream = new(WorkerFrames.Job(), new WorkerDirectory(new GatewayOptions(), new FakeTimeProvider()), TimeSpan.FromSeconds(30));
    private readonly WorkerFrames _lost = new(attempt: 1);
    private readonly WorkerFrames _rerun = new(attempt: 2);
    private readonly Caller _caller;

    public ReplyStreamRefusesARerunThatDiffers()
    {
        _caller = new Caller(_stream);
        _caller.Receive(_lost.Started(), _lost.Text("Hello, "), _lost.Text("world"));
    }

    [Fact]
    public void A_rerun_that_says_something_else_ends_the_stream_with_a_retryable_error()
    {
        _caller.Receive(_rerun.Started(), _rerun.Text("Hello"));

        var error = Assert.Throws<GenerationInterruptedException>(() => _caller.Receive(_rerun.Text(", there")));

        Assert.Contains("the rerun gave a different answer", error.Message);
        Assert.Equal("Hello, world", _caller.Text);
    }

    [Fact]
    public void A_rerun_that_differs_inside_an_update_that_runs_past_the_sent_text_is_refused()
    {
        _caller.Receive(_rerun.Started());

        Assert.Throws<GenerationInterruptedException>(() => _caller.Receive(_rerun.Text("Hello, World and more")));
        Assert.Equal("Hello, world", _caller.Text);
    }

    [Fact]
    public void A_rerun_that_ends_before_repeating_all_the_sent_text_is_refused()
    {
        _caller.Receive(_rerun.Started(), _rerun.Text("Hello, "));

        var error = Assert.Throws<GenerationInterruptedException>(() => _caller.Receive(_rerun.Done("wor")));

        Assert.Contains("the rerun gave a shorter answer", error.Message);
        Assert.False(_caller.Finished);
    }

    [Fact]
    public void A_rerun_that_ends_with_no_text_at_all_is_refused()
    {
        _caller.Receive(_rerun.Started());

        Assert.Throws<GenerationInterruptedException>(() => _caller.Receive(_rerun.Done()));
        Assert.False(_caller.Finished);
    }

    [Fact]
    public void A_rerun_whose_started_frame_was_lost_is_refused()
    {
        _rerun.Lose();

        var error = Assert.Throws<GenerationInterruptedException>(() => _caller.Receive(_rerun.Text("Hello, ")));

        Assert.Contains("frames from its worker were lost", error.Message);
    }
}
