using Airgap.Inference.Generation;
using LLama.Native;

namespace Airgap.Inference.Engines.LlamaCpp;

// The runner's embedding work: one input per loop turn, between decode steps.
public sealed partial class LlamaRunner
{
    // One input per call, between decode steps: a large batch never holds generating streams for long, and a
    // cancelled batch stops at the next input.
    private bool EmbedNext()
    {
        if (_embedding is not { } job) return false;
        if (job.Cancellation.IsCancellationRequested)
        {
            job.Fail(job.CancelReason);
            _embedding = null;
            return false;
        }
        try
        {
            job.Vectors[job.Done] = Embed(job.Inputs[job.Done]);
            if (++job.Done == job.Inputs.Count)
            {
                job.Result.TrySetResult(job.Vectors);
                _embedding = null;
            }
        }
        catch (Exception e)
        {
            LogJobFailed(e);
            job.Fail(DoneReason.Error, e.Message);
            _embedding = null;
        }
        return true;
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
}
