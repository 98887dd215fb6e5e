using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Tests;

/// <summary>
/// A model that never answers, until cancelled: a real one cannot be made to run past Analytics:ModelTimeout on demand
/// without making the test slow or its outcome depend on the machine's speed.
/// </summary>
public sealed class SilentChatClient : IChatClient
{
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls;

    /// <summary>Completes once the first call is waiting.</summary>
    public Task Called => _called.Task;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        var wait = Task.Delay(Timeout.Infinite, cancellationToken);
        _called.TrySetResult();
        await wait;
        throw new InvalidOperationException("unreachable");
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
