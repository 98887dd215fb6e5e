using Airgap.Inference.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Observability;

/// <summary>Feeds each embedding call's model, priority and input tokens to the current request's record; changes nothing.</summary>
public sealed class ObservingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, RequestRecords records)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        records.Current?.Asked(options?.ModelId, ChatOptionsMapping.Priority(options?.AdditionalProperties));
        var embeddings = await base.GenerateAsync(values, options, cancellationToken);
        records.Current?.Generated(embeddings.FirstOrDefault()?.ModelId ?? options?.ModelId, (int?)embeddings.Usage?.InputTokenCount, null, null, null);
        return embeddings;
    }
}

/// <summary>Adds <see cref="ObservingEmbeddingGenerator"/> to an embedding pipeline.</summary>
public static class ObservingEmbeddingGeneratorBuilderExtensions
{
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseObservation(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder) =>
        builder.Use((inner, services) => new ObservingEmbeddingGenerator(inner, services.GetRequiredService<RequestRecords>()));
}
