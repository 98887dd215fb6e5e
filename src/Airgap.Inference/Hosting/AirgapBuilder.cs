using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Inference.Hosting;

/// <summary>
/// What <c>AddAirgap</c> registered: the builders of the default chat client and embedding generator, to add
/// middleware to (<c>.ChatClient.UseLogging()</c>); the first added is the outermost.
/// </summary>
public sealed class AirgapBuilder(IServiceCollection services, ChatClientBuilder chatClient,
    EmbeddingGeneratorBuilder<string, Embedding<float>> embeddingGenerator)
{
    /// <summary>The services the engine and its clients were added to.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>The pipeline of the registered <see cref="IChatClient"/>.</summary>
    public ChatClientBuilder ChatClient { get; } = chatClient;

    /// <summary>The pipeline of the registered <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    public EmbeddingGeneratorBuilder<string, Embedding<float>> EmbeddingGenerator { get; } = embeddingGenerator;
}
