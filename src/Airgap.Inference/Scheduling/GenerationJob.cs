using System.Threading.Channels;
using Airgap.Inference.Generation;

namespace Airgap.Inference.Scheduling;

/// <summary>A tokenized request waiting for, or holding, a sequence slot; its output goes to <see cref="Output"/>.</summary>
public sealed class GenerationJob(int[] prompt, GenerationOptions options, int priority, DateTimeOffset enqueuedAt, CancellationToken cancellation)
{
    public int[] Prompt { get; } = prompt;
    public GenerationOptions Options { get; } = options;
    public int Priority { get; } = priority;
    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;
    public CancellationToken Cancellation { get; } = cancellation;
    public TimeSpan LoadTime { get; set; }

    /// <summary>Text pieces then one final event; unbounded so the decode thread never waits on a slow reader.</summary>
    public Channel<GenerationEvent> Output { get; } = Channel.CreateUnbounded<GenerationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
}
