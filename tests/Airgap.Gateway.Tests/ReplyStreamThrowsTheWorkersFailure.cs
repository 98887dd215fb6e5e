using Airgap.Inference.Errors;
using Airgap.Models.Catalog;
using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class ReplyStreamThrowsTheWorkersFailure
{
    private readonly Caller _caller = new(new JobReplyStream(WorkerFrames.Job("tiny"), new WorkerDirectory(new GatewayOptions(), new FakeTimeProvider()),
        TimeSpan.FromSeconds(30)));
    private readonly WorkerFrames _worker = new(attempt: 1);

    [Fact]
    public void An_invalid_request_comes_back_with_its_field_and_wording()
    {
        _caller.Receive(_worker.Started());

        var error = Assert.Throws<InvalidRequestException>(() => _caller.Receive(_worker.Failed(new InvalidRequestException("temperature", "must be between 0 and 2, got 3"))));

        Assert.Equal("temperature", error.Field);
        Assert.Equal("temperature: must be between 0 and 2, got 3", error.Message);
    }

    [Fact]
    public void A_prompt_too_long_comes_back_with_its_token_counts()
    {
        _caller.Receive(_worker.Started());

        var error = Assert.Throws<ContextLengthExceededException>(() => _caller.Receive(_worker.Failed(new ContextLengthExceededException(5000, 4096))));

        Assert.Equal(5000, error.PromptTokens);
        Assert.Equal(4096, error.ContextLength);
    }

    [Fact]
    public void A_model_the_worker_does_not_hold_comes_back_with_the_name_asked_for_and_what_it_has()
    {
        _caller.Receive(_worker.Started());

        var error = Assert.Throws<ModelNotFoundException>(() => _caller.Receive(_worker.Failed(new ModelNotFoundException("tiny:7b", ["tiny:latest", "qwen2.5:0.5b"]))));

        Assert.Equal("tiny:7b", error.Reference);
        Assert.Equal(["tiny:latest", "qwen2.5:0.5b"], error.Available);
        Assert.Equal("model 'tiny:7b' not found; available: tiny:latest, qwen2.5:0.5b", error.Message);
    }

    [Fact]
    public void A_failure_after_some_text_still_throws_the_typed_error()
    {
        _caller.Receive(_worker.Started(), _worker.Text("Hel"));

        Assert.Throws<ContextLengthExceededException>(() => _caller.Receive(_worker.Failed(new ContextLengthExceededException(4100, 4096))));
        Assert.Equal("Hel", _caller.Text);
    }

    [Fact]
    public void A_failure_without_a_reason_is_a_remote_job_error_saying_so()
    {
        _caller.Receive(_worker.Started());

        var error = Assert.Throws<RemoteJobException>(() => _caller.Receive(_worker.FailedWithoutReason()));

        Assert.Equal("the worker reported a failure without a reason", error.Message);
    }

    [Fact]
    public void A_failure_of_a_lost_attempt_after_its_rerun_started_is_ignored()
    {
        var rerun = new WorkerFrames(attempt: 2);
        _caller.Receive(_worker.Started(), rerun.Started());

        var texts = _caller.Receive(_worker.Failed(new InvalidOperationException("worker crashed")), rerun.Text("Hi"), rerun.Done());

        Assert.Equal(["", "Hi", ""], texts);
        Assert.True(_caller.Finished);
    }
}
