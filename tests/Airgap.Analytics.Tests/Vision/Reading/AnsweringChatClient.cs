using Microsoft.Extensions.AI;

namespace Airgap.Analytics.Tests.Vision.Reading;

/// <summary>
/// A vision model that gives one fixed answer and keeps what it was asked: random weights cannot be made to read a
/// panel, so a test of what a sensible answer does to the reading needs one written out.
/// </summary>
public sealed class AnsweringChatClient(string answer) : IChatClient
{
    public List<ChatMessage> Messages { get; } = [];
    public ChatOptions? Options { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Messages.AddRange(messages);
        Options = options;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
