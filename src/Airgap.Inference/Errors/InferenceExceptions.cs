namespace Airgap.Inference.Errors;

/// <summary>The queue for a model is full; retry after <see cref="RetryAfter"/>.</summary>
public sealed class QueueFullException(string model, int capacity, TimeSpan retryAfter)
    : Exception($"the queue for model '{model}' is full ({capacity} waiting); retry later")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The prompt does not fit in the context window.</summary>
public sealed class ContextLengthExceededException(int promptTokens, int contextLength)
    : Exception($"the prompt is {promptTokens} tokens, longer than the context length of {contextLength} tokens")
{
    public int PromptTokens { get; } = promptTokens;
    public int ContextLength { get; } = contextLength;
}

/// <summary>A model could not be loaded; not retried until its file or the request changes.</summary>
public sealed class ModelLoadException(string model, string reason) : Exception($"model '{model}' failed to load: {reason}")
{
    /// <summary>Why, without the model's name.</summary>
    public string Reason { get; } = reason;
}

/// <summary>A request shows images to a model that has no vision projector to see them with.</summary>
public sealed class ModelCannotSeeImagesException(string model)
    : Exception($"model '{model}' cannot see images: it has no vision projector (mmproj); send text only, or use a vision-language model")
{
    public string Model { get; } = model;
}

/// <summary>A request field is invalid; <see cref="Field"/> names it.</summary>
public sealed class InvalidRequestException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
}

/// <summary>The service is shutting down: queued and loading requests end with this.</summary>
public sealed class ShuttingDownException() : Exception("the server is shutting down");

/// <summary>A request ran past the request timeout before it produced anything.</summary>
public sealed class RequestTimeoutException() : Exception("the request ran past the request timeout (setting Inference:RequestTimeout)");

/// <summary>No one could run the model in time (no worker serves it, or all are busy); retry after <see cref="RetryAfter"/>.</summary>
public sealed class ModelUnavailableException(string model, string reason, TimeSpan retryAfter)
    : Exception($"model '{model}' is unavailable: {reason}; retry later")
{
    public string Model { get; } = model;
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// A generation that had already sent text was cut off (its worker stopped) and its rerun did not repeat that text;
/// the request is safe to send again.
/// </summary>
public sealed class GenerationInterruptedException(string reason)
    : Exception($"the generation was interrupted: {reason}; send the request again");

/// <summary>A request repeats an Idempotency-Key whose request is already queued, running or answered.</summary>
public sealed class DuplicateRequestException(string reason) : Exception($"Idempotency-Key: {reason}");
