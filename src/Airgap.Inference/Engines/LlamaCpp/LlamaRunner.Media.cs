namespace Airgap.Inference.Engines.LlamaCpp;

public sealed partial class LlamaRunner
{
    // A prompt that shows images is read by mtmd one chunk per step (a run of text, or one image tile: encoded by the
    // projector, then its embeddings decoded), so the other sequences go on generating between chunks and a
    // cancellation is seen between them. Each chunk has the job's own error boundary.
    private bool ReadMediaChunk()
    {
        var slot = _slots.Where(s => s.IsReadingMedia).MinBy(s => s.Job!.EnqueuedAt);
        if (slot is null) return false;
        try
        {
            var projector = _model.Projector ?? throw new InvalidOperationException("a prompt with images reached a model without a vision projector");
            var media = (MediaPrompt)slot.Job!.Media!;
            var chunk = slot.MediaChunk;
            var last = chunk == media.ChunkCount - 1;
            var position = slot.PromptCursor;
            var status = projector.Evaluate(media, chunk, _model.Context.NativeHandle, ref position, (int)slot.Sequence, _model.Settings.BatchSize, last);
            if (status != 0) throw new InvalidOperationException($"llama.cpp could not read chunk {chunk + 1} of {media.ChunkCount} of the prompt with images: status {status}");
            var end = media.ChunkEnds[chunk];
            if (position != end) throw new InvalidOperationException($"llama.cpp placed chunk {chunk + 1} of the prompt with images at position {position}, not {end}");
            slot.Cached.AddRange(slot.Job.Prompt.AsSpan(slot.PromptCursor, end - slot.PromptCursor));
            slot.PromptCursor = end;
            slot.MediaChunk++;
            if (!last) return true;
            slot.PromptTime = slot.Clock.Elapsed;
            // mtmd decoded the last chunk in a batch of its own; its last output holds the logits to sample.
            SampleOne(slot, _model.Settings.ContextLength, logitIndex: -1);
        }
        catch (Exception e)
        {
            LogJobFailed(e);
            Fail(slot, e);
        }
        return true;
    }
}
