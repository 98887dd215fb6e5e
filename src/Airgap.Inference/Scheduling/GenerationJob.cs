using System.Threading.Channels;
using Airgap.Inference.Generation;

namespace Airgap.Inference.Scheduling;

/// <summary>A tokenized request waiting for, or holding, a sequence slot; its output goes to <see cref="Output"/>.</summary>
public sealed class GenerationJob(int[] prompt, GenerationOptions options, int priority, DateTimeOffset enqueuedAt,
    CancellationToken cancellation, CancellationToken deadline = default)
    : QueuedJob(priority, enqueuedAt, cancellation, deadline)
{
    public int[] Prompt { get; } = prompt;
    public GenerationOptions Options { get; } = options;
    public TimeSpan LoadTime { get; set; }

    /// <summary>The engine's sampler for this job, built on the caller's thread before queueing; disposed when the job ends.</summary>
    public IDisposable? Sampler
    {
        get => Volatile.Read(ref _sampler);
        set => Volatile.Write(ref _sampler, value);
    }

    private IDisposable? _sampler;

    /// <summary>The engine's split of a prompt that shows images (text and image chunks), or null; disposed when the job ends.</summary>
    public IDisposable? Media
    {
        get => Volatile.Read(ref _media);
        set => Volatile.Write(ref _media, value);
    }

    private IDisposable? _media;

    /// <summary>Events a reader may fall behind by before its sequence pauses.</summary>
    public const int OutputCapacity = 256;

    /// <summary>
    /// Text pieces then one final event. Bounded: the decode thread never waits on it, but stops feeding a sequence
    /// whose reader has fallen <see cref="OutputCapacity"/> events behind (see <see cref="HasRoomForAStep"/>).
    /// </summary>
    public Channel<GenerationEvent> Output { get; } = Channel.CreateBounded<GenerationEvent>(
        new BoundedChannelOptions(OutputCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>True while one step's events (a text piece and a final event) fit, so the writes never fail.</summary>
    public bool HasRoomForAStep => Output.Reader.Count <= OutputCapacity - 2;

    /// <summary>Writes the final event, closes the output and frees the sampler.</summary>
    public void Complete(GenerationEvent final)
    {
        Output.Writer.TryWrite(final);
        Output.Writer.TryComplete();
        Interlocked.Exchange(ref _sampler, null)?.Dispose();
        Interlocked.Exchange(ref _media, null)?.Dispose();
    }

    public override void Fail(DoneReason reason, string? error = null) => Complete(new GenerationEvent("", reason, null, error));

    public override void Abort(Exception reason) => Complete(new GenerationEvent("", DoneReason.Error, null, reason.Message) { Failure = reason });
}
