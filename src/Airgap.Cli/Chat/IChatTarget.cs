using Airgap.Server.Ollama;

namespace Airgap.Cli.Chat;

/// <summary>Where `airgap run` sends a conversation: a running server's /api/chat, or the engine in this process.</summary>
public interface IChatTarget : IDisposable
{
    /// <summary>Streams the answer to <paramref name="request"/> as /api/chat lines; the last one has done set and the statistics.</summary>
    IAsyncEnumerable<OllamaResponse> ChatAsync(OllamaChatRequest request, CancellationToken cancellationToken);
}
