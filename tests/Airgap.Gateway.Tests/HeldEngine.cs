using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

/// <summary>
/// A worker's engine that says <c>first</c>, then holds the answer there until released (what no real model does on
/// demand), then ends it with <c>rest</c>. Held is false: it answers straight through.
/// </summary>
internal sealed class HeldEngine(string first, string rest) : IChatClient
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Held { get; init; } = true;

    /// <summary>Completes when the first part was handed to the worker and the engine holds.</summary>
    public Task Holding => _holding.Task;

    /// <summary>Completes when the worker cancelled the generation.</summary>
    public Task Cancelled => _cancelled.Task;

    public void Release() => _release.TrySetResult();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var _ = cancellationToken.Register(() => _cancelled.TrySetResult());
        yield return new ChatResponseUpdate(ChatRole.Assistant, first);
        _holding.TrySetResult();
        if (Held) await _release.Task.WaitAsync(cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, rest) { FinishReason = ChatFinishReason.Stop };
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("workers stream");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
