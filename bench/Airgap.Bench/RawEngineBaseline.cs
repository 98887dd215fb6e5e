using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Airgap.Bench;

/// <summary>
/// The raw engine: a plain LLamaSharp decode loop on one thread over the same file and thread count, with nothing
/// of Airgap in between — the yardstick the served figures are divided by.
/// </summary>
public sealed class RawEngineBaseline : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly LLamaContext _batched;

    public RawEngineBaseline(string path, int threads, int contextLength, int sequences = 8)
    {
        var parameters = new ModelParams(path)
        {
            ContextSize = (uint)contextLength, BatchSize = 512, UBatchSize = 512, Threads = threads, BatchThreads = threads, GpuLayerCount = 0,
        };
        _weights = LLamaWeights.LoadFromFile(parameters);
        _context = _weights.CreateContext(parameters);
        _batched = _weights.CreateContext(new ModelParams(path)
        {
            ContextSize = (uint)(contextLength * sequences), SeqMax = (uint)sequences, KVUnified = false,
            BatchSize = 512, UBatchSize = 512, Threads = threads, BatchThreads = threads, GpuLayerCount = 0,
        });
    }

    /// <summary>
    /// Short prompts decoded together, one token each per batch, greedily
    /// (llama-batched-bench's shape); returns aggregate generated tokens per second, prompts included in the time.
    /// </summary>
    public double RunBatched(IReadOnlyList<string> prompts, int tokens)
    {
        var handle = _batched.NativeHandle;
        handle.MemoryClear(true);
        var batch = new LLamaBatch();
        var clock = Stopwatch.StartNew();
        var positions = new int[prompts.Count];
        var logitIndex = new int[prompts.Count];
        for (var s = 0; s < prompts.Count; s++)
        {
            var input = _batched.Tokenize(prompts[s], false, true);
            for (var i = 0; i < input.Length; i++)
            {
                var index = batch.Add(input[i], i, (LLamaSeqId)s, i == input.Length - 1);
                if (i == input.Length - 1) logitIndex[s] = index;
            }
            positions[s] = input.Length;
        }
        Check(handle.Decode(batch));
        for (var step = 0; step < tokens; step++)
        {
            var next = new LLamaToken[prompts.Count];
            for (var s = 0; s < prompts.Count; s++) next[s] = ArgMax(handle.GetLogitsIth(logitIndex[s]));
            if (step == tokens - 1) break;
            batch.Clear();
            for (var s = 0; s < prompts.Count; s++) logitIndex[s] = batch.Add(next[s], positions[s]++, (LLamaSeqId)s, true);
            Check(handle.Decode(batch));
        }
        return prompts.Count * tokens / clock.Elapsed.TotalSeconds;
    }

    public int CountTokens(string text) => _context.Tokenize(text, false, true).Length;

    /// <summary>Reads the prompt in one batch, then greedily decodes <paramref name="tokens"/> tokens one at a time.</summary>
    public (double PromptTokensPerSecond, double DecodeTokensPerSecond, int PromptTokens) Run(string prompt, int tokens)
    {
        var handle = _context.NativeHandle;
        handle.MemoryClear(true);
        var input = _context.Tokenize(prompt, false, true);
        var batch = new LLamaBatch();
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < input.Length; start += 512)
        {
            batch.Clear();
            var end = Math.Min(input.Length, start + 512);
            for (var i = start; i < end; i++) batch.Add(input[i], i, LLamaSeqId.Zero, i == input.Length - 1);
            Check(handle.Decode(batch));
        }
        var promptTime = clock.Elapsed;

        clock.Restart();
        var position = input.Length;
        var next = ArgMax(handle.GetLogitsIth(batch.TokenCount - 1));
        for (var i = 1; i < tokens; i++)
        {
            batch.Clear();
            batch.Add(next, position++, LLamaSeqId.Zero, true);
            Check(handle.Decode(batch));
            next = ArgMax(handle.GetLogitsIth(0));
        }
        var decodeTime = clock.Elapsed;
        return (input.Length / promptTime.TotalSeconds, (tokens - 1) / decodeTime.TotalSeconds, input.Length);
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok) throw new InvalidOperationException($"decode failed: {result}");
    }

    private static LLamaToken ArgMax(Span<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return best;
    }

    public void Dispose()
    {
        _batched.Dispose();
        _context.Dispose();
        _weights.Dispose();
    }
}
