using System.Diagnostics;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using LLama;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// One llama.cpp sequence: the job it serves, the tokens whose KV it holds (kept after the job for prefix reuse),
/// how far the prompt has been read, and the sampler and decoders of the current job.
/// </summary>
internal sealed class LlamaSlot(int index) : IDisposable
{
    public LLamaSeqId Sequence { get; } = (LLamaSeqId)index;
    public GenerationJob? Job { get; private set; }

    /// <summary>Tokens whose keys and values are in the cache for this sequence, in order.</summary>
    public List<int> Cached { get; } = [];

    public int PromptCursor { get; set; }
    public int CachedPromptTokens { get; private set; }
    public int Generated { get; set; }
    public int? PendingToken { get; set; }
    public int LogitIndex { get; set; } = -1;
    public SafeLLamaSamplerChainHandle? Sampler { get; private set; }
    public StreamingTokenDecoder? Decoder { get; private set; }
    public StopSequenceFilter? Stop { get; private set; }
    public Stopwatch Clock { get; } = new();
    public TimeSpan PromptTime { get; set; }
    public TimeSpan QueueTime { get; private set; }

    public bool IsFree => Job is null;
    public bool IsReadingPrompt => Job is not null && PromptCursor < Job.Prompt.Length;

    /// <summary>The prompt shows images: mtmd reads it chunk by chunk, not the runner's batch token by token.</summary>
    public bool IsReadingMedia => IsReadingPrompt && Job!.Media is not null;

    /// <summary>The next chunk of a prompt with images to read.</summary>
    public int MediaChunk { get; set; }

    /// <summary>How many leading prompt tokens this slot already holds in its cache (an image embedding never matches).</summary>
    public int SharedPrefix(int[] prompt)
    {
        var n = Math.Min(Cached.Count, prompt.Length);
        var i = 0;
        while (i < n && Cached[i] == prompt[i] && prompt[i] >= 0) i++;
        return i;
    }

    /// <summary>When this slot last took or ended a job, in the runner's order (for least-recently-used choice).</summary>
    public long LastUsed { get; private set; }

    private static long _uses;

    /// <summary>Takes a job, keeping the cached prefix it shares (at least one prompt token is always re-read for logits).</summary>
    public void Assign(GenerationJob job, LLamaContext context, SafeLLamaSamplerChainHandle sampler, TimeSpan queueTime)
    {
        // A prompt with images is read whole by mtmd, chunk by chunk: nothing of the cache is kept for it.
        var keep = job.Media is null ? Math.Min(SharedPrefix(job.Prompt), job.Prompt.Length - 1) : 0;
        var decoder = new StreamingTokenDecoder(context) { DecodeSpecialTokens = job.Options.DecodeSpecialTokens };
        var stop = new StopSequenceFilter(job.Options.Stop);
        context.NativeHandle.MemorySequenceRemove(Sequence, keep, -1);
        Cached.RemoveRange(keep, Cached.Count - keep);
        LastUsed = Interlocked.Increment(ref _uses);
        PromptCursor = keep;
        MediaChunk = 0;
        CachedPromptTokens = keep;
        Generated = 0;
        PendingToken = null;
        LogitIndex = -1;
        Sampler = sampler;
        Decoder = decoder;
        Stop = stop;
        PromptTime = TimeSpan.Zero;
        QueueTime = queueTime;
        Clock.Restart();
        Job = job; // last: a slot whose set-up threw stays free
    }

    /// <summary>Raised when a job ends, with its reason (the runner counts them).</summary>
    public Action<DoneReason>? Finished { get; set; }

    /// <summary>Ends the job: writes the final event and frees the slot (the cache stays for the next similar prompt).</summary>
    public void Finish(DoneReason reason, string? error = null, Exception? failure = null)
    {
        if (Job is not { } job) return;
        // Text held back as a possible stop-sequence start is real output when generation ends otherwise.
        var tail = reason is DoneReason.Stop or DoneReason.Length ? Stop?.Flush() ?? "" : "";
        var stats = new GenerationStats(job.Prompt.Length, CachedPromptTokens, Generated, QueueTime, PromptTime,
            Clock.Elapsed - PromptTime, job.LoadTime);
        Sampler = null;
        Job = null;
        LastUsed = Interlocked.Increment(ref _uses);
        job.Complete(new GenerationEvent(tail, reason, stats, error) { Failure = failure });
        Finished?.Invoke(reason);
        PendingToken = null;
    }

    /// <summary>Forgets the cache (after a failed decode left it in an unknown state).</summary>
    public void Forget(LLamaContext context)
    {
        context.NativeHandle.MemorySequenceRemove(Sequence, -1, -1);
        Cached.Clear();
    }

    public void Dispose() => Job?.Fail(DoneReason.Error, "the model was unloaded");
}
