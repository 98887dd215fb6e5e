using System.Diagnostics;
using Airgap.Inference.Generation;
using Airgap.Inference.Scheduling;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>
/// Continuous batching over one loaded model, on one dedicated thread: each step fills free slots from the queue,
/// builds one batch (a token per generating slot plus prompt chunks), calls the synchronous decode, samples, and
/// writes each sequence's text to its channel. Nothing per token touches the thread pool.
/// </summary>
public sealed partial class LlamaRunner : IDisposable
{
    private readonly LlamaModelInstance _model;
    private readonly PriorityRequestQueue _queue;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly LlamaSlot[] _slots;
    private readonly LLamaBatch _batch = new();
    private readonly AutoResetEvent _wake = new(false);
    private EmbeddingJob? _embedding;
    private long _steps;
    private int _peakSequences;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _active;
    private readonly long[] _finished = new long[Enum.GetValues<DoneReason>().Length];

    public LlamaRunner(LlamaModelInstance model, PriorityRequestQueue queue, TimeProvider clock, ILogger logger, string name)
    {
        _model = model;
        _queue = queue;
        _clock = clock;
        _logger = logger;
        _slots = Enumerable.Range(0, model.Settings.Parallel)
            .Select(i => new LlamaSlot(i) { Finished = OnFinished })
            .ToArray();
        _queue.Enqueued += Wake;
        using var unflowed = ExecutionContext.SuppressFlow(); // the decode thread serves every request, not the one that loaded the model
        _thread = new Thread(Loop) { IsBackground = true, Name = $"airgap-decode {name}" };
        _thread.Start();
    }

    /// <summary>Sequences generating right now.</summary>
    public int ActiveSequences => Volatile.Read(ref _active);

    /// <summary>How many sequences ended for each reason since the model loaded.</summary>
    public IReadOnlyDictionary<DoneReason, long> Finished =>
        Enum.GetValues<DoneReason>().ToDictionary(r => r, r => Interlocked.Read(ref _finished[(int)r]));

    /// <summary>Decode steps run since the model loaded.</summary>
    public long DecodeSteps => Interlocked.Read(ref _steps);

    /// <summary>The most sequences one decode step has carried.</summary>
    public int PeakSequencesPerStep => Volatile.Read(ref _peakSequences);

    /// <summary>
    /// Test seam: a result to report instead of decoding a batch of the given token count (null: decode). A full KV
    /// cache cannot be produced on demand with per-sequence caches, and its path must still be proven.
    /// </summary>
    internal Func<int, DecodeResult?>? DecodeFault { get; set; }

    /// <summary>Wakes the decode thread (a request arrived or was cancelled); a no-op once the runner is disposed.</summary>
    public void Wake() => _wake.Set();

    // Ends a slot's job with its error; its cache is forgotten, and a context too broken even for that stays quiet
    // here: nothing may escape the decode thread.
    private void Fail(LlamaSlot slot, Exception error)
    {
        try
        {
            slot.Forget(_model.Context);
        }
        catch (Exception forget)
        {
            LogStepFailed(forget);
        }
        if (!slot.IsFree) slot.Finish(DoneReason.Error, error.Message);
    }

    private void Loop()
    {
        while (!_stopping)
        {
            try
            {
                var wasIdle = _slots.All(s => s.IsFree);
                Admit();
                if (wasIdle) GatherArrivals();
                DropCancelled();
                var embedded = EmbedNext();
                if (_slots.All(s => s.IsFree))
                {
                    if (!embedded) _wake.WaitOne(TimeSpan.FromSeconds(1));
                    continue;
                }
                Step();
            }
            catch (Exception e)
            {
                LogStepFailed(e);
                foreach (var slot in _slots.Where(s => !s.IsFree)) Fail(slot, e);
            }
        }
        var stopped = new Errors.ShuttingDownException();
        foreach (var slot in _slots.Where(s => !s.IsFree)) slot.Finish(DoneReason.Error, stopped.Message, stopped);
        _embedding?.Abort(stopped);
    }

    // Requests sent together arrive a few milliseconds apart; when the runner wakes from idle it waits that long for
    // them, so their prompts are read in one batch instead of the first one's long step shutting the others out.
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(10);

    private void GatherArrivals()
    {
        if (_slots.All(s => s.IsFree)) return;
        var until = Stopwatch.GetTimestamp() + (long)(GatherWindow.TotalSeconds * Stopwatch.Frequency);
        while (_slots.Any(s => s.IsFree))
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
            if (left <= TimeSpan.Zero) return;
            _wake.WaitOne(left);
            Admit();
        }
    }

    // Each job is admitted inside its own error boundary: a job whose set-up fails ends alone, with its error.
    private void Admit()
    {
        while (true)
        {
            var slotFree = _slots.Any(s => s.IsFree);
            var next = _queue.TryDequeue(j => j is EmbeddingJob ? _embedding is null : slotFree);
            if (next is null) return;
            if (next is EmbeddingJob embedding)
            {
                _embedding = embedding;
                continue;
            }
            var job = (GenerationJob)next;
            try
            {
                // Built and checked on the caller's thread (Prepare): the decode thread never parses a grammar.
                var sampler = job.Sampler as SafeLLamaSamplerChainHandle
                    ?? throw new InvalidOperationException("the job reached the runner without its sampler");
                ChooseSlot(job.Prompt).Assign(job, _model.Context, sampler, _clock.GetUtcNow() - job.EnqueuedAt);
                Interlocked.Increment(ref _active);
            }
            catch (Exception e)
            {
                LogJobFailed(e);
                job.Fail(DoneReason.Error, e.Message);
            }
        }
    }

    // A free slot whose cache matches enough of this prompt reads the least; otherwise the least recently used free
    // slot, so an unrelated prompt does not throw away a long cached prefix (llama-server's --slot-prompt-similarity).
    // Similarity is measured against the longer of prompt and cache: a shared BOS token alone is not a match.
    private LlamaSlot ChooseSlot(int[] prompt)
    {
        var free = _slots.Where(s => s.IsFree).ToList();
        var best = free.MaxBy(s => s.SharedPrefix(prompt))!;
        var similarity = (double)best.SharedPrefix(prompt) / Math.Max(1, Math.Max(prompt.Length, best.Cached.Count));
        return similarity >= _model.Settings.SlotPromptSimilarity ? best : free.MinBy(s => s.LastUsed)!;
    }

    // The counters are read by /api/ps from other threads; a finished sequence stops counting as active at once.
    private void OnFinished(DoneReason reason)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref _finished[(int)reason]);
    }

    private void DropCancelled()
    {
        foreach (var slot in _slots)
            if (slot.Job is { Cancellation.IsCancellationRequested: true } job) slot.Finish(job.CancelReason);
    }

    private void Step()
    {
        var readMedia = ReadMediaChunk();
        var generating = _slots.Count(s => s.PendingToken is not null);
        var chunkLimit = generating > 0 ? _model.Settings.PromptChunkWhileGenerating : _model.Settings.BatchSize;
        while (true)
        {
            BuildBatch(chunkLimit);
            if (_batch.TokenCount == 0)
            {
                // Every active sequence waits for a slow reader: nothing to decode until one catches up.
                if (!readMedia) _wake.WaitOne(TimeSpan.FromMilliseconds(5));
                return;
            }
            var result = DecodeFault?.Invoke(_batch.TokenCount) ?? _model.Context.NativeHandle.Decode(_batch);
            if (result == DecodeResult.Ok)
            {
                Interlocked.Increment(ref _steps);
                if (_fed.Count > _peakSequences) Volatile.Write(ref _peakSequences, _fed.Count);
                break;
            }
            if (result == DecodeResult.NoKvSlot && chunkLimit > 1)
            {
                chunkLimit /= 2; // a smaller chunk may fit the cache; retry before failing anyone
                continue;
            }
            var youngest = _slots.Where(s => !s.IsFree).MaxBy(s => s.Job!.EnqueuedAt)!;
            youngest.Forget(_model.Context);
            youngest.Finish(DoneReason.Error, $"llama.cpp decode failed: {result}");
            return;
        }
        CommitBatch();
        Sample();
    }

    private readonly List<(LlamaSlot Slot, int Count)> _fed = [];

    private void BuildBatch(int chunkLimit)
    {
        _batch.Clear();
        _fed.Clear();
        foreach (var slot in _slots)
        {
            slot.LogitIndex = -1;
            if (slot.PendingToken is { } token && slot.Job!.HasRoomForAStep)
            {
                slot.LogitIndex = _batch.Add(token, slot.Cached.Count, slot.Sequence, true);
                _fed.Add((slot, 1));
            }
        }
        var budget = _model.Settings.BatchSize - _batch.TokenCount;
        foreach (var slot in _slots.Where(s => s.IsReadingPrompt && !s.IsReadingMedia).OrderBy(s => s.Job!.EnqueuedAt))
        {
            var prompt = slot.Job!.Prompt;
            var count = Math.Min(Math.Min(prompt.Length - slot.PromptCursor, chunkLimit), budget);
            if (count <= 0) break;
            for (var i = 0; i < count; i++)
            {
                var position = slot.PromptCursor + i;
                var last = position == prompt.Length - 1;
                var index = _batch.Add(prompt[position], position, slot.Sequence, last);
                if (last) slot.LogitIndex = index;
            }
            _fed.Add((slot, count));
            budget -= count;
        }
    }

    private void CommitBatch()
    {
        foreach (var (slot, count) in _fed)
        {
            if (slot.PendingToken is { } token)
            {
                slot.Cached.Add(token);
                slot.PendingToken = null;
                continue;
            }
            var prompt = slot.Job!.Prompt;
            slot.Cached.AddRange(prompt.AsSpan(slot.PromptCursor, count));
            slot.PromptCursor += count;
            if (slot.PromptCursor == prompt.Length) slot.PromptTime = slot.Clock.Elapsed;
        }
    }

    private void Sample()
    {
        var contextLength = _model.Settings.ContextLength;
        foreach (var slot in _slots)
        {
            if (slot.LogitIndex < 0 || slot.Job is null) continue;
            try
            {
                SampleOne(slot, contextLength);
            }
            catch (Exception e)
            {
                LogJobFailed(e);
                Fail(slot, e);
            }
        }
    }

    private void SampleOne(LlamaSlot slot, int contextLength, int? logitIndex = null)
    {
        var job = slot.Job!;
        var token = slot.Sampler!.Sample(_model.Context.NativeHandle, logitIndex ?? slot.LogitIndex);
        if (!job.Options.IgnoreEos && token.IsEndOfGeneration(_model.Vocab))
        {
            slot.Finish(DoneReason.Stop);
            return;
        }
        slot.Generated++;
        slot.Decoder!.Add(token);
        var (emit, stopped) = slot.Stop!.Push(slot.Decoder.Read());
        if (emit.Length > 0) job.Output.Writer.TryWrite(new GenerationEvent(emit));
        if (stopped) slot.Finish(DoneReason.Stop);
        else if (job.Options.MaxTokens >= 0 && slot.Generated >= job.Options.MaxTokens) slot.Finish(DoneReason.Length);
        else if (slot.Cached.Count + 1 >= contextLength) slot.Finish(DoneReason.Length);
        else slot.PendingToken = (int)token;
    }

    public void Dispose()
    {
        _stopping = true;
        _queue.Enqueued -= Wake;
        Wake();
        _thread.Join();
        foreach (var slot in _slots) slot.Dispose();
        // _wake stays undisposed: a request's cancellation may still call Wake after the model unloads.
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Decode step failed; its sequences were ended")]
    private partial void LogStepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A job failed alone; the other sequences go on")]
    private partial void LogJobFailed(Exception exception);
}
