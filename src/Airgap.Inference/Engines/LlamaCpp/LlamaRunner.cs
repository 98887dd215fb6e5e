using System.Collections.Concurrent;
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
    private readonly ConcurrentQueue<EmbeddingJob> _embeddings = new();
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
        _thread = new Thread(Loop) { IsBackground = true, Name = $"airgap-decode {name}" };
        _thread.Start();
    }

    /// <summary>Sequences generating right now.</summary>
    public int ActiveSequences => Volatile.Read(ref _active);

    /// <summary>How many sequences ended for each reason since the model loaded.</summary>
    public IReadOnlyDictionary<DoneReason, long> Finished =>
        Enum.GetValues<DoneReason>().ToDictionary(r => r, r => Interlocked.Read(ref _finished[(int)r]));

    /// <summary>Wakes the decode thread (a request arrived or was cancelled).</summary>
    public void Wake() => _wake.Set();

    /// <summary>Computes normalized embeddings for token lists on the decode thread, between batches.</summary>
    public Task<float[][]> EmbedAsync(IReadOnlyList<int[]> inputs, CancellationToken cancellationToken)
    {
        var job = new EmbeddingJob(inputs, cancellationToken);
        _embeddings.Enqueue(job);
        Wake();
        return job.Result.Task;
    }

    private void Loop()
    {
        while (!_stopping)
        {
            try
            {
                RunEmbeddings();
                Admit();
                DropCancelled();
                if (_slots.All(s => s.IsFree))
                {
                    _wake.WaitOne(TimeSpan.FromSeconds(1));
                    continue;
                }
                Step();
            }
            catch (Exception e)
            {
                LogStepFailed(e);
                foreach (var slot in _slots.Where(s => !s.IsFree))
                {
                    slot.Forget(_model.Context);
                    slot.Finish(DoneReason.Error, e.Message);
                }
            }
        }
        foreach (var slot in _slots.Where(s => !s.IsFree)) slot.Finish(DoneReason.Cancelled);
    }

    private void RunEmbeddings()
    {
        while (_embeddings.TryDequeue(out var job))
        {
            if (job.Cancellation.IsCancellationRequested)
            {
                job.Result.TrySetCanceled(job.Cancellation);
                continue;
            }
            try
            {
                job.Result.TrySetResult(job.Inputs.Select(Embed).ToArray());
            }
            catch (Exception e)
            {
                job.Result.TrySetException(e);
            }
        }
    }

    private float[] Embed(int[] tokens)
    {
        var context = _model.EmbeddingContext();
        context.NativeHandle.MemoryClear(true);
        var batch = new LLamaBatch();
        for (var i = 0; i < tokens.Length; i++) batch.Add(tokens[i], i, LLamaSeqId.Zero, true);
        var result = context.NativeHandle.Decode(batch);
        if (result != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp embedding decode failed: {result}");
        var vector = context.NativeHandle.GetEmbeddingsSeq(LLamaSeqId.Zero).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    private void Admit()
    {
        while (_slots.Any(s => s.IsFree) && _queue.TryDequeue() is { } job)
        {
            // The free slot whose cache shares the longest prefix with this prompt reads the least.
            var slot = _slots.Where(s => s.IsFree).MaxBy(s => s.SharedPrefix(job.Prompt))!;
            slot.Assign(job, _model.Context, SamplerChain.Create(job.Options, _model.Weights.NativeHandle), _clock.GetUtcNow() - job.EnqueuedAt);
            Interlocked.Increment(ref _active);
        }
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
            if (slot.Job is { Cancellation.IsCancellationRequested: true }) slot.Finish(DoneReason.Cancelled);
    }

    private void Step()
    {
        var generating = _slots.Count(s => s.PendingToken is not null);
        var chunkLimit = generating > 0 ? _model.Settings.PromptChunkWhileGenerating : _model.Settings.BatchSize;
        while (true)
        {
            BuildBatch(chunkLimit);
            if (_batch.TokenCount == 0)
            {
                // Every active sequence waits for a slow reader: nothing to decode until one catches up.
                _wake.WaitOne(TimeSpan.FromMilliseconds(5));
                return;
            }
            var result = _model.Context.NativeHandle.Decode(_batch);
            if (result == DecodeResult.Ok) break;
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
        foreach (var slot in _slots.Where(s => s.IsReadingPrompt).OrderBy(s => s.Job!.EnqueuedAt))
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
            var token = slot.Sampler!.Sample(_model.Context.NativeHandle, slot.LogitIndex);
            if (!slot.Job.Options.IgnoreEos && token.IsEndOfGeneration(_model.Vocab))
            {
                slot.Finish(DoneReason.Stop);
                continue;
            }
            slot.Generated++;
            slot.Decoder!.Add(token);
            var (emit, stopped) = slot.Stop!.Push(slot.Decoder.Read());
            if (emit.Length > 0) slot.Job.Output.Writer.TryWrite(new GenerationEvent(emit));
            if (stopped) slot.Finish(DoneReason.Stop);
            else if (slot.Job.Options.MaxTokens >= 0 && slot.Generated >= slot.Job.Options.MaxTokens) slot.Finish(DoneReason.Length);
            else if (slot.Cached.Count + 1 >= contextLength) slot.Finish(DoneReason.Length);
            else slot.PendingToken = (int)token;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _queue.Enqueued -= Wake;
        Wake();
        _thread.Join();
        foreach (var slot in _slots) slot.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Decode step failed; its sequences were ended")]
    private partial void LogStepFailed(Exception exception);
}
