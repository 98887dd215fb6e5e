using System.Text.Json.Serialization;
using Airgap.Inference.Errors;
using Airgap.Models.Catalog;

namespace Airgap.Gateway;

/// <summary>
/// A failure carried from a worker to the gateway, so the gateway throws the same typed exception the worker saw and
/// the caller gets the same status and wording as from a local server.
/// </summary>
internal sealed record JobFailure(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("field")] string? Field = null,
    [property: JsonPropertyName("retry_after_seconds")] double? RetryAfterSeconds = null,
    [property: JsonPropertyName("numbers")] int[]? Numbers = null,
    [property: JsonPropertyName("names")] string[]? Names = null)
{
    /// <summary>The failure of <paramref name="e"/> as it travels.</summary>
    public static JobFailure From(Exception e) => e switch
    {
        InvalidRequestException x => new("invalid_request", x.Message, x.Field),
        ContextLengthExceededException x => new("context_length", x.Message, Numbers: [x.PromptTokens, x.ContextLength]),
        ModelCannotSeeImagesException x => new("cannot_see_images", x.Message, x.Model),
        ModelNotFoundException x => new("model_not_found", x.Message, x.Reference, Names: [.. x.Available]),
        QueueFullException x => new("queue_full", x.Message, RetryAfterSeconds: x.RetryAfter.TotalSeconds),
        ModelUnavailableException x => new("unavailable", x.Reason, x.Model, x.RetryAfter.TotalSeconds),
        ModelLoadException x => new("load_failed", x.Reason),
        RequestTimeoutException x => new("timeout", x.Message),
        RegistryException x => new("registry", x.Message),
        _ => new("error", e.Message),
    };

    /// <summary>The exception to throw at the gateway for this failure of a job for <paramref name="model"/>.</summary>
    public Exception ToException(string model) => Kind switch
    {
        "invalid_request" when Field is { } field && Message.StartsWith(field + ": ", StringComparison.Ordinal) =>
            new InvalidRequestException(field, Message[(field.Length + 2)..]),
        "context_length" when Numbers is [var prompt, var context] => new ContextLengthExceededException(prompt, context),
        "cannot_see_images" => new ModelCannotSeeImagesException(Field ?? model),
        "model_not_found" => new ModelNotFoundException(Field ?? model, Names ?? []),
        "registry" => new RegistryException(Message),
        "queue_full" => new ModelUnavailableException(model, "every worker's queue for it is full", RetryAfter),
        "unavailable" => new ModelUnavailableException(model, Message, RetryAfter),
        "load_failed" => new ModelLoadException(model, Message),
        "timeout" => new RequestTimeoutException(),
        _ => new RemoteJobException(Message),
    };

    private TimeSpan RetryAfter => TimeSpan.FromSeconds(Math.Max(1, RetryAfterSeconds ?? 5));
}

/// <summary>A job failed on its worker for a reason that has no type of its own here.</summary>
internal sealed class RemoteJobException(string message) : Exception(message);
