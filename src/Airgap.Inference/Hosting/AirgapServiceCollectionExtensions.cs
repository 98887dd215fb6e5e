using Airgap.Inference;
using Airgap.Inference.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

// Microsoft.Extensions.AI puts AddChatClient here too: an application finds AddAirgap beside it with no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the embedded Airgap engine and its Microsoft.Extensions.AI clients with a service collection.</summary>
public static class AirgapServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="AirgapEngine"/> over the data home (a singleton the container disposes), an
    /// <see cref="IChatClient"/> for <see cref="AirgapEngineOptions.ChatModel"/> and an
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for <see cref="AirgapEngineOptions.EmbeddingModel"/>.
    /// </summary>
    public static AirgapBuilder AddAirgap(this IServiceCollection services, Action<AirgapEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new AirgapEngineOptions();
        configure?.Invoke(options);

        services.TryAddSingleton(options);
        services.TryAddSingleton(provider =>
            AirgapEngine.Open(options.Home, options.Inference, provider.GetService<ILoggerFactory>()));
        var chat = services.AddChatClient(provider =>
            provider.GetRequiredService<AirgapEngine>().ChatClient(Named(options.ChatModel, nameof(AirgapEngineOptions.ChatModel), nameof(IChatClient))));
        var embeddings = services.AddEmbeddingGenerator(provider =>
            provider.GetRequiredService<AirgapEngine>().EmbeddingGenerator(
                Named(options.EmbeddingModel, nameof(AirgapEngineOptions.EmbeddingModel), "IEmbeddingGenerator<string, Embedding<float>>")));
        return new AirgapBuilder(services, chat, embeddings);
    }

    private static string Named(string? model, string setting, string service) =>
        string.IsNullOrWhiteSpace(model)
            ? throw new InvalidOperationException(
                $"AddAirgap registered {service} with no model: set AirgapEngineOptions.{setting} (NAME:TAG, e.g. tiny:test) in the configure callback")
            : model;
}
