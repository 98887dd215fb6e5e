using Airgap.Inference.Chat;
using Microsoft.Extensions.AI;

namespace Airgap.Analytics;

/// <summary>Embeds many texts with the configured embedding model, a bounded batch at a time, at an assistant's priority.</summary>
internal static class EmbeddingBatches
{
    // Below the scheduler's default bound on inputs per request (Inference:MaxEmbeddingInputs), and small enough that
    // one batch does not hold the model for long while interactive requests wait.
    private const int BatchSize = 64;

    public static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, string model, int priority,
        IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        (await EmbedWithVersionAsync(embedder, model, priority, texts, cancellationToken)).Vectors;

    /// <summary>The vectors and the model version that made them (the generator's model id, else <paramref name="model"/>).</summary>
    public static async Task<(float[][] Vectors, string Version)> EmbedWithVersionAsync(IEmbeddingGenerator<string, Embedding<float>> embedder,
        string model, int priority, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var version = model;
        var options = new EmbeddingGenerationOptions
        {
            ModelId = model,
            AdditionalProperties = new() { [AirgapChatProperties.Priority] = priority },
        };
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var batch = texts.Skip(start).Take(BatchSize).ToList();
            var result = await embedder.GenerateAsync(batch, options, cancellationToken);
            if (result.Count != batch.Count)
                throw new InvalidOperationException($"the embedding model returned {result.Count} vectors for {batch.Count} texts");
            for (var i = 0; i < batch.Count; i++) vectors[start + i] = result[i].Vector.ToArray();
            version = result.FirstOrDefault()?.ModelId ?? version;
        }
        return (vectors, version);
    }
}
