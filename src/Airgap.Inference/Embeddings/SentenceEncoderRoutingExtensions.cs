using Microsoft.Extensions.AI;

namespace Airgap.Inference.Embeddings;

/// <summary>Adds <see cref="SentenceEncoderRouting"/> to an embedding generator pipeline.</summary>
public static class SentenceEncoderRoutingExtensions
{
    /// <summary>Serves ONNX embedding models (all-minilm, imported ONNX) from <paramref name="encoders"/>; null: the one in the services.</summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseSentenceEncoders(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder,
        SentenceEncoderCatalog? encoders = null) =>
        builder.Use((inner, services) => new SentenceEncoderRouting(inner, encoders ?? (SentenceEncoderCatalog)(services.GetService(typeof(SentenceEncoderCatalog))
            ?? throw new InvalidOperationException("no SentenceEncoderCatalog is registered"))));
}
