namespace Airgap.Inference.Chat;

/// <summary>
/// Keys of <c>ChatOptions.AdditionalProperties</c> (requests) and <c>ChatResponseUpdate.AdditionalProperties</c>
/// (final update) that carry what M.E.AI has no field for: llama.cpp sampling knobs, scheduling, and statistics.
/// </summary>
public static class AirgapChatProperties
{
    public const string MinP = "min_p";
    public const string RepeatPenalty = "repeat_penalty";
    public const string RepeatLastN = "repeat_last_n";
    public const string Priority = "priority";
    public const string IgnoreEos = "ignore_eos";
    public const string KeepAlive = "keep_alive";

    /// <summary>True: the last user message is the whole prompt, no chat template (Ollama raw, OpenAI completions).</summary>
    public const string Raw = "raw";

    /// <summary>Who asks (an API key's id, or "anonymous"): the response cache never answers one caller with another's reply.</summary>
    public const string Identity = "airgap.identity";

    /// <summary>The caller's Idempotency-Key: a retried request with the same key (and caller) is queued once.</summary>
    public const string IdempotencyKey = "airgap.idempotency_key";

    /// <summary>
    /// True: no caller waits on a connection (an asynchronous job's replay), so a gateway lets the job wait for a worker
    /// until its deadline instead of its start timeout.
    /// </summary>
    public const string Asynchronous = "airgap.asynchronous";

    /// <summary>
    /// Keys that say how a request travels (its turn, its model's lifetime, its caller, its retry key, whether anyone
    /// waits on the line), not what it asks: the same question under any of them has the same answer.
    /// </summary>
    public static bool IsCarriage(string key) => key is KeepAlive or Priority or Identity or IdempotencyKey or Asynchronous;

    /// <summary>A GBNF grammar supplied directly.</summary>
    public const string Grammar = "grammar";

    /// <summary>On the final update: the <see cref="Generation.GenerationStats"/> of the run.</summary>
    public const string Stats = "airgap.stats";

    /// <summary>On the final update: the <see cref="Generation.DoneReason"/>.</summary>
    public const string DoneReason = "airgap.done_reason";

    /// <summary>
    /// On an image's <c>DataContent.AdditionalProperties</c>: the request field it came from (<c>messages[0].images[1]</c>),
    /// so a refused image is named as the caller sent it.
    /// </summary>
    public const string Field = "airgap.field";
}
