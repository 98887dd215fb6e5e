using Airgap.Inference.Chat;
using Airgap.Inference.Embeddings;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Inference;

/// <summary>
/// The engine embedded in an application (no HTTP): the registry in a data home, llama.cpp runners, the scheduler,
/// and the chat and embedding clients over them. Dispose it to unload every model.
/// </summary>
public sealed class AirgapEngine : IDisposable
{
    private AirgapEngine(AirgapHome home, InferenceOptions options, ILoggerFactory loggers)
    {
        Registry = new ModelRegistry(home.RegistryPath);
        Host = new ModelHost(Registry, home, new LlamaRunnerFactory(loggers, TimeProvider.System), options, TimeProvider.System);
        Scheduler = new InferenceScheduler(Host, TimeProvider.System);
        SentenceEncoders = new SentenceEncoderCatalog(Registry, home, options);
    }

    /// <summary>Opens the data home at <paramref name="home"/> (null: $AIRGAP_HOME or ~/.airgap).</summary>
    public static AirgapEngine Open(string? home = null, InferenceOptions? options = null, ILoggerFactory? loggers = null) =>
        new(AirgapHome.Resolve(home), options ?? new InferenceOptions(), loggers ?? NullLoggerFactory.Instance);

    public ModelRegistry Registry { get; }
    public ModelHost Host { get; }
    public InferenceScheduler Scheduler { get; }

    /// <summary>The ONNX embedding models: built-in all-minilm and imported ONNX ones.</summary>
    public SentenceEncoderCatalog SentenceEncoders { get; }

    /// <summary>A chat client for <paramref name="model"/> (NAME:TAG or NAME:TAG@X.Y.Z) with the response cache in front.</summary>
    public IChatClient ChatClient(string model) =>
        new ChatClientBuilder(new AirgapChatClient(Scheduler, model)).UseResponseCache(Registry).Build();

    /// <summary>An embedding generator for <paramref name="model"/> (all-minilm needs no import).</summary>
    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator(string model) =>
        new EmbeddingGeneratorBuilder<string, Embedding<float>>(new AirgapEmbeddingGenerator(Scheduler, model)).UseSentenceEncoders(SentenceEncoders).Build();

    public void Dispose()
    {
        Host.Dispose();
        SentenceEncoders.Dispose();
    }
}
