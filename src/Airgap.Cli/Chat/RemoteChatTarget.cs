using Airgap.Cli.Commands;
using Airgap.Server.Ollama;

namespace Airgap.Cli.Chat;

/// <summary>A running server's streaming /api/chat.</summary>
public sealed class RemoteChatTarget(ServerClient server) : IChatTarget
{
    public IAsyncEnumerable<OllamaResponse> ChatAsync(OllamaChatRequest request, CancellationToken cancellationToken) =>
        server.StreamAsync<OllamaChatRequest, OllamaResponse>("/api/chat", request with { Stream = true }, line => line.Error, cancellationToken);

    public void Dispose() => server.Dispose();
}
