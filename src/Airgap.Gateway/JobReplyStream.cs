using System.Text;
using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway;

/// <summary>
/// Follows one job's frames and turns them into the caller's updates. When the job's worker is lost and another reruns
/// it, the rerun's text is checked against what the caller already has: while it repeats it the caller sees nothing, then
/// the stream goes on where it stopped; a rerun that says something else ends the stream with a retryable error, never a
/// silently different answer.
/// </summary>
/// <remarks>
/// <paramref name="attached"/>: the caller repeated an Idempotency-Key, so it follows the job the key first queued; it can
/// only be given that job's answer from the start.
/// </remarks>
internal sealed class JobReplyStream(GatewayJob job, WorkerDirectory workers, TimeSpan startTimeout, bool attached = false)
{
    private readonly StringBuilder _sent = new();
    private int _attempt;
    private int _nextSeq;
    private int _replayed = -1;

    /// <summary>True once a worker has started the job.</summary>
    public bool Started => _attempt > 0;

    /// <summary>The updates <paramref name="frame"/> gives the caller (none while a rerun repeats old text).</summary>
    public IReadOnlyList<ChatResponseUpdate> Accept(JobFrame frame, out bool finished)
    {
        finished = false;
        if (frame.Attempt < _attempt) return []; // a lost worker that is still talking: its rerun has taken over
        if (frame.Attempt > _attempt)
        {
            if (frame.Kind != FrameKind.Started || frame.Seq != 0)
                throw attached && !Started ? new DuplicateRequestException("the request first sent with this key is already running; its answer goes to that caller")
                    : new GenerationInterruptedException("frames from its worker were lost");
            _attempt = frame.Attempt;
            _nextSeq = 1;
            _replayed = _sent.Length > 0 ? 0 : -1;
            return [];
        }
        if (frame.Seq != _nextSeq) throw new GenerationInterruptedException("frames from its worker were lost");
        _nextSeq++;
        switch (frame.Kind)
        {
            case FrameKind.Failed:
                throw (frame.Failure ?? new JobFailure("error", "the worker reported a failure without a reason")).ToException(job.Model);
            case FrameKind.Update or FrameKind.Done when frame.Update is { } json:
                finished = frame.Kind == FrameKind.Done;
                var update = Forward(ChatWire.Update(json));
                if (finished && _replayed >= 0) throw new GenerationInterruptedException("its worker was lost and the rerun gave a shorter answer");
                return update is null ? [] : [update];
            default:
                return [];
        }
    }

    /// <summary>Why the caller stops waiting when no frame came in time.</summary>
    public Exception TimedOut()
    {
        if (!Started && attached)
            return new DuplicateRequestException("the request first sent with this key was already answered, or still waits for a worker");
        if (!Started)
            return new ModelUnavailableException(job.Model, $"no worker started the job within {startTimeout.TotalSeconds:0.###} s ({workers.Describe(job.Model)})",
                TimeSpan.FromSeconds(Math.Clamp(startTimeout.TotalSeconds, 1, 60)));
        return _sent.Length > 0
            ? new GenerationInterruptedException("its worker went silent mid-answer")
            : new ModelUnavailableException(job.Model, "its worker went silent and no other took the job over", TimeSpan.FromSeconds(5));
    }

    private ChatResponseUpdate? Forward(ChatResponseUpdate update)
    {
        var text = update.Text;
        if (_replayed < 0)
        {
            _sent.Append(text);
            return update;
        }
        var remaining = _sent.Length - _replayed;
        var repeated = Math.Min(remaining, text.Length);
        if (!string.Equals(_sent.ToString(_replayed, repeated), text[..repeated], StringComparison.Ordinal))
            throw new GenerationInterruptedException("its worker was lost and the rerun gave a different answer");
        _replayed += repeated;
        if (_replayed < _sent.Length) return update.FinishReason is null ? null : WithText(update, "");
        _replayed = -1;
        var fresh = text[repeated..];
        _sent.Append(fresh);
        return fresh.Length == 0 && update.FinishReason is null ? null : WithText(update, fresh);
    }

    private static ChatResponseUpdate WithText(ChatResponseUpdate update, string text)
    {
        var copy = update.Clone();
        copy.Contents = [.. text.Length > 0 ? [new TextContent(text)] : Array.Empty<AIContent>(), .. update.Contents.Where(c => c is not TextContent)];
        return copy;
    }
}
