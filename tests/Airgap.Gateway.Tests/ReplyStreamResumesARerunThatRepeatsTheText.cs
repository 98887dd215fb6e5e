using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class ReplyStreamResumesARerunThatRepeatsTheText
{
    private readonly JobReplyStream _stream = new(WorkerFrames.Job(), new WorkerDirectory(new GatewayOptions(), new FakeTimeProvider()), TimeSpan.FromSeconds(30));
    private readonly WorkerFrames _lost = new(attempt: 1);
    private readonly WorkerFrames _rerun = new(attempt: 2);
    private readonly Caller _caller;

    public ReplyStreamResumesARerunThatRepeatsTheText()
    {
        _caller = new Caller(_stream);
        _caller.Receive(_lost.Started(), _lost.Text("Hello, "), _lost.Text("wor"));
    }

    [Fact]
    public void The_repeated_text_gives_nothing_and_the_stream_goes_on_where_it_stopped()
    {
        var texts = _caller.Receive(_rerun.Started(), _rerun.Text("Hello, "), _rerun.Text("wor"), _rerun.Text("ld"), _rerun.Done("!"));

        Assert.Equal(["", "", "", "ld", "!"], texts);
        Assert.Equal("Hello, world!", _caller.Text);
        Assert.True(_caller.Finished);
    }

    [Fact]
    public void An_update_that_straddles_the_end_of_the_sent_text_gives_only_its_new_part()
    {
        var texts = _caller.Receive(_rerun.Started(), _rerun.Text("Hel"), _rerun.Text("lo, wo"), _rerun.Text("rld!"), _rerun.Done());

        Assert.Equal(["", "", "", "ld!", ""], texts);
        Assert.Equal("Hello, world!", _caller.Text);
        Assert.Equal(ChatRole.Assistant, _caller.Updates[^2].Role);
        Assert.True(_caller.Finished);
    }

    [Fact]
    public void A_rerun_that_repeats_the_text_in_one_piece_with_more_goes_on_at_once()
    {
        var texts = _caller.Receive(_rerun.Started(), _rerun.Text("Hello, world"), _rerun.Done("!"));

        Assert.Equal(["", "ld", "!"], texts);
        Assert.Equal("Hello, world!", _caller.Text);
    }

    [Fact]
    public void A_rerun_that_ends_exactly_where_the_sent_text_ended_finishes_without_more_text()
    {
        var texts = _caller.Receive(_rerun.Started(), _rerun.Text("Hello, wor"), _rerun.Done());

        Assert.Equal(["", "", ""], texts);
        Assert.Equal("Hello, wor", _caller.Text);
        Assert.True(_caller.Finished);
    }

    [Fact]
    public void A_done_frame_that_completes_the_repeat_finishes_the_stream()
    {
        var texts = _caller.Receive(_rerun.Started(), _rerun.Text("Hello"), _rerun.Done(", world!"));

        Assert.Equal(["", "", "ld!"], texts);
        Assert.True(_caller.Finished);
        Assert.Equal(ChatFinishReason.Stop, _caller.Updates[^1].FinishReason);
    }

    [Fact]
    public void Frames_the_lost_worker_still_sends_after_the_rerun_started_are_ignored()
    {
        var texts = _caller.Receive(_rerun.Started(), _lost.Text("ld, and then"), _rerun.Text("Hello, wor"), _lost.Done(" something else"),
            _rerun.Text("ld"), _rerun.Done());

        Assert.Equal(["", "", "", "", "ld", ""], texts);
        Assert.Equal("Hello, world", _caller.Text);
        Assert.True(_caller.Finished);
    }

    [Fact]
    public void A_later_rerun_takes_over_from_an_earlier_one_and_must_repeat_everything_sent()
    {
        _caller.Receive(_rerun.Started(), _rerun.Text("Hello, world"));
        var third = new WorkerFrames(attempt: 3);

        var texts = _caller.Receive(third.Started(), third.Text("Hello, wor"), third.Text("ld"), third.Done("!"));

        Assert.Equal(["", "", "", "!"], texts);
        Assert.Equal("Hello, world!", _caller.Text);
    }

    [Fact]
    public void A_rerun_of_a_job_that_had_sent_no_text_is_followed_from_its_start()
    {
        var stream = new JobReplyStream(WorkerFrames.Job(), new WorkerDirectory(new GatewayOptions(), new FakeTimeProvider()), TimeSpan.FromSeconds(30));
        var caller = new Caller(stream);
        var lost = new WorkerFrames(attempt: 1);
        var rerun = new WorkerFrames(attempt: 2);
        caller.Receive(lost.Started(), lost.Alive());

        var texts = caller.Receive(rerun.Started(), rerun.Text("Hi"), rerun.Done());

        Assert.Equal(["", "Hi", ""], texts);
        Assert.True(caller.Finished);
    }

    [Fact]
    public void A_gap_in_the_reruns_sequence_ends_the_stream_with_a_retryable_error()
    {
        _caller.Receive(_rerun.Started(), _rerun.Text("Hello"));
        _rerun.Lose();

        Assert.Throws<GenerationInterruptedException>(() => _caller.Receive(_rerun.Text("wor")));
    }
}
