using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class ReplyStreamFollowsOneAttempt
{
    private readonly JobReplyStream _stream = new(WorkerFrames.Job(), new WorkerDirectory(new GatewayOptions(), new FakeTimeProvider()), TimeSpan.FromSeconds(30));
    private readonly WorkerFrames _worker = new(attempt: 1);

    [Fact]
    public void Updates_come_in_the_order_sent_and_the_done_frame_finishes_the_stream()
    {
        var caller = new Caller(_stream);

        var texts = caller.Receive(_worker.Started(), _worker.Text("Hel"), _worker.Text("lo, "), _worker.Text("world"), _worker.Done("!"));

        Assert.Equal(["", "Hel", "lo, ", "world", "!"], texts);
        Assert.Equal("Hello, world!", caller.Text);
        Assert.True(caller.Finished);
        Assert.Equal(ChatFinishReason.Stop, caller.Updates[^1].FinishReason);
        Assert.All(caller.Updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
    }

    [Fact]
    public void The_stream_is_not_finished_before_the_done_frame()
    {
        var caller = new Caller(_stream);

        caller.Receive(_worker.Started(), _worker.Text("Hello"));

        Assert.False(caller.Finished);
        Assert.True(_stream.Started);
    }

    [Fact]
    public void Nothing_has_started_before_the_started_frame()
    {
        Assert.False(_stream.Started);
    }

    [Fact]
    public void Alive_frames_give_the_caller_nothing_and_keep_the_sequence()
    {
        var caller = new Caller(_stream);

        var texts = caller.Receive(_worker.Started(), _worker.Alive(), _worker.Text("Hi"), _worker.Alive(), _worker.Done());

        Assert.Equal(["", "", "Hi", "", ""], texts);
        Assert.True(caller.Finished);
    }

    [Fact]
    public void A_gap_in_the_sequence_ends_the_stream_with_a_retryable_error()
    {
        var caller = new Caller(_stream);
        caller.Receive(_worker.Started(), _worker.Text("Hel"));
        _worker.Lose();

        var error = Assert.Throws<GenerationInterruptedException>(() => caller.Receive(_worker.Text("world")));

        Assert.Contains("frames from its worker were lost", error.Message);
        Assert.Equal("Hel", caller.Text);
    }

    [Fact]
    public void A_frame_received_twice_is_a_break_in_the_sequence_too()
    {
        var caller = new Caller(_stream);
        var started = _worker.Started();
        var hello = _worker.Text("Hello");
        caller.Receive(started, hello);

        Assert.Throws<GenerationInterruptedException>(() => caller.Receive(hello));
        Assert.Equal("Hello", caller.Text);
    }

    [Fact]
    public void A_first_frame_that_is_not_the_start_means_the_start_was_lost()
    {
        var caller = new Caller(_stream);
        _worker.Lose();

        Assert.Throws<GenerationInterruptedException>(() => caller.Receive(_worker.Text("Hello")));
        Assert.Empty(caller.Updates);
    }
}
