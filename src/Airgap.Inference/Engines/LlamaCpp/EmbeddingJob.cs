namespace Airgap.Inference.Engines.LlamaCpp;

/// <summary>Token lists to embed, and where their vectors go.</summary>
internal sealed record EmbeddingJob(IReadOnlyList<int[]> Inputs, CancellationToken Cancellation)
{
    public TaskCompletionSource<float[][]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
