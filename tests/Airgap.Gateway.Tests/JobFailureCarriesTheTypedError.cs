using System.Text.Json;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;

namespace Airgap.Gateway.Tests;

public sealed class JobFailureCarriesTheTypedError
{
    private const string Model = "tiny:latest";

    /// <summary>What the gateway throws for <paramref name="e"/> thrown on a worker, the failure sent as a frame over the wire.</summary>
    internal static Exception Carried(Exception e)
    {
        var frame = new JobFrame { Kind = FrameKind.Failed, Seq = 3, Attempt = 1, Failure = JobFailure.From(e) };
        var json = JsonSerializer.SerializeToUtf8Bytes(frame, GatewayJsonContext.Default.JobFrame);
        return JsonSerializer.Deserialize(json, GatewayJsonContext.Default.JobFrame)!.Failure!.ToException(Model);
    }

    [Fact]
    public void An_invalid_request_keeps_its_field_and_wording()
    {
        var error = Assert.IsType<InvalidRequestException>(Carried(new InvalidRequestException("tools", "the schema of 'f' nests deeper than 16 levels")));

        Assert.Equal("tools", error.Field);
        Assert.Equal("tools: the schema of 'f' nests deeper than 16 levels", error.Message);
    }

    [Fact]
    public void An_invalid_request_whose_problem_holds_a_colon_keeps_it_whole()
    {
        var error = Assert.IsType<InvalidRequestException>(Carried(new InvalidRequestException("min_p", "cannot be read as Single: abc: def")));

        Assert.Equal("min_p", error.Field);
        Assert.Equal("min_p: cannot be read as Single: abc: def", error.Message);
    }

    [Fact]
    public void A_prompt_too_long_keeps_its_token_counts_and_wording()
    {
        var original = new ContextLengthExceededException(5000, 4096);

        var error = Assert.IsType<ContextLengthExceededException>(Carried(original));

        Assert.Equal((5000, 4096), (error.PromptTokens, error.ContextLength));
        Assert.Equal(original.Message, error.Message);
    }

    [Fact]
    public void A_model_that_cannot_see_images_keeps_the_model_it_names()
    {
        var original = new ModelCannotSeeImagesException("tiny:1b");

        var error = Assert.IsType<ModelCannotSeeImagesException>(Carried(original));

        Assert.Equal("tiny:1b", error.Model);
        Assert.Equal(original.Message, error.Message);
    }

    [Fact]
    public void A_model_not_found_keeps_the_reference_and_the_models_available()
    {
        var original = new ModelNotFoundException("tiny:7b", ["tiny:latest", "qwen2.5:0.5b"]);

        var error = Assert.IsType<ModelNotFoundException>(Carried(original));

        Assert.Equal("tiny:7b", error.Reference);
        Assert.Equal(["tiny:latest", "qwen2.5:0.5b"], error.Available);
        Assert.Equal(original.Message, error.Message);
    }

    [Fact]
    public void A_model_not_found_where_nothing_is_registered_says_so()
    {
        var error = Assert.IsType<ModelNotFoundException>(Carried(new ModelNotFoundException("tiny:7b", [])));

        Assert.Empty(error.Available);
        Assert.Equal("model 'tiny:7b' not found; no models are registered", error.Message);
    }

    [Fact]
    public void A_registry_error_keeps_its_wording()
    {
        var error = Assert.IsType<RegistryException>(Carried(new RegistryException("the registry is locked by another process")));

        Assert.Equal("the registry is locked by another process", error.Message);
    }

    [Fact]
    public void A_full_queue_on_the_worker_makes_the_model_unavailable_with_its_retry_after()
    {
        var error = Assert.IsType<ModelUnavailableException>(Carried(new QueueFullException("tiny:latest", 64, TimeSpan.FromSeconds(7))));

        Assert.Equal(Model, error.Model);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("model 'tiny:latest' is unavailable: every worker's queue for it is full; retry later", error.Message);
    }

    [Fact]
    public void A_retry_after_under_a_second_becomes_one_second()
    {
        var error = Assert.IsType<ModelUnavailableException>(Carried(new QueueFullException("tiny:latest", 64, TimeSpan.FromMilliseconds(200))));

        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
    }

    [Fact]
    public void An_unavailable_model_keeps_its_type_model_and_retry_after()
    {
        var error = Assert.IsType<ModelUnavailableException>(Carried(new ModelUnavailableException(Model, "every slot is busy", TimeSpan.FromSeconds(12))));

        Assert.Equal(Model, error.Model);
        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
    }

    [Fact]
    public void A_load_failure_keeps_its_type()
    {
        Assert.IsType<ModelLoadException>(Carried(new ModelLoadException(Model, "needs about 900 MiB, more than the memory budget of 512 MiB")));
    }

    [Fact]
    public void A_request_timeout_keeps_its_type_and_wording()
    {
        var error = Assert.IsType<RequestTimeoutException>(Carried(new RequestTimeoutException()));

        Assert.Equal(new RequestTimeoutException().Message, error.Message);
    }

    [Fact]
    public void An_exception_with_no_type_of_its_own_here_becomes_a_remote_job_error_with_its_message()
    {
        var error = Assert.IsType<RemoteJobException>(Carried(new InvalidOperationException("the decode thread stopped")));

        Assert.Equal("the decode thread stopped", error.Message);
    }

    [Fact]
    public void The_failure_travels_in_snake_case_without_empty_fields()
    {
        var frame = new JobFrame { Kind = FrameKind.Failed, Attempt = 1, Failure = JobFailure.From(new QueueFullException("tiny:latest", 64, TimeSpan.FromSeconds(7))) };

        var failure = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(frame, GatewayJsonContext.Default.JobFrame)).RootElement.GetProperty("failure");

        Assert.Equal("queue_full", failure.GetProperty("kind").GetString());
        Assert.Equal(7, failure.GetProperty("retry_after_seconds").GetDouble());
        Assert.False(failure.TryGetProperty("field", out _));
        Assert.False(failure.TryGetProperty("names", out _));
    }
}
