using Airgap.Inference.Scheduling;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Chat;

/// <summary>
/// Embeddings from any registered GGUF model as a Microsoft.Extensions.AI generator: normalized vectors, mean-pooled
/// unless the model declares its own pooling. Priority and keep_alive ride in the options' additional properties
/// (<see cref="AirgapChatProperties"/>), as they do for chat.
/// </summary>
public sealed class AirgapEmbeddingGenerator(InferenceScheduler scheduler, string? defaultModel = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? defaultModel ?? throw new Errors.InvalidRequestException("model", "no model was named");
        var extra = options?.AdditionalProperties;
        var request = new EmbeddingRequest(model, values.ToList(), ChatOptionsMapping.Priority(extra), ChatOptionsMapping.KeepAlive(extra));
        var (reference, vectors, tokens) = await scheduler.EmbedAsync(request, cancellationToken);
        var created = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = reference, CreatedAt = created }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("airgap", null, defaultModel)
        : null;

    public void Dispose() { }
}
