using Airgap.Inference.Scheduling;

namespace Airgap.Inference.Hosting;

/// <summary>What <c>AddAirgap</c> opens: the data home, the models behind the default clients, and the engine's limits.</summary>
public sealed class AirgapEngineOptions
{
    /// <summary>The data home (null: $AIRGAP_HOME or ~/.airgap).</summary>
    public string? Home { get; set; }

    /// <summary>The model (NAME:TAG or NAME:TAG@X.Y.Z) behind the registered <c>IChatClient</c>.</summary>
    public string? ChatModel { get; set; }

    /// <summary>The model behind the registered <c>IEmbeddingGenerator</c> (all-minilm is built in).</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Loaded models, memory, parallelism, queue and timeouts, as `airgap serve`'s Inference section.</summary>
    public InferenceOptions Inference { get; set; } = new();
}
