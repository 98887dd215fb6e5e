using System.Diagnostics;
using System.Runtime.CompilerServices;
using Airgap.Inference;
using Airgap.Inference.Scheduling;
using Airgap.Server.Ollama;

namespace Airgap.Cli.Chat;

/// <summary>
/// The engine in this process over the data home, spoken to through the same translation as the server's /api/chat,
/// so an answer here and one from `airgap serve` are the same answer.
/// </summary>
public sealed class LocalChatTarget(AirgapEngine engine, InferenceOptions options) : IChatTarget
{
    public async IAsyncEnumerable<OllamaResponse> ChatAsync(OllamaChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chatOptions = OllamaTranslation.ToChatOptions(request.Model, request.Options, request.Format, request.KeepAlive, request.Priority, null,
            options.ContextLength, out _);
        var messages = OllamaTranslation.ToMessages(request.Messages);
        var started = Stopwatch.StartNew();
        await foreach (var update in engine.ChatClient(request.Model!).GetStreamingResponseAsync(messages, chatOptions, cancellationToken))
        {
            var line = new OllamaResponse { Model = request.Model!, CreatedAt = DateTimeOffset.UtcNow, Message = new("assistant", update.Text) };
            if (update.FinishReason is null)
            {
                if (update.Text.Length > 0) yield return line;
                continue;
            }
            yield return OllamaTranslation.WithStats(line, update, started.Elapsed);
        }
    }

    public void Dispose() => engine.Dispose();
}
