namespace Airgap.Inference.Generation;

/// <summary>Why a generation ended, as Ollama's done_reason spells it.</summary>
public enum DoneReason { Stop, Length, Cancelled, Error, Timeout }

/// <summary>Timing and token counts of a finished generation.</summary>
public sealed record GenerationStats(
    int PromptTokens,
    int CachedPromptTokens,
    int GeneratedTokens,
    TimeSpan QueueTime,
    TimeSpan PromptTime,
    TimeSpan GenerateTime,
    TimeSpan LoadTime);

/// <summary>One item of a generation stream: a piece of text, or the end with its reason and statistics.</summary>
public sealed record GenerationEvent(string Text, DoneReason? Done = null, GenerationStats? Stats = null, string? Error = null)
{
    /// <summary>The typed reason of an error end, when there is one (the server shutting down answers 503, not 500).</summary>
    public Exception? Failure { get; init; }

    public bool IsFinal => Done is not null;
}
