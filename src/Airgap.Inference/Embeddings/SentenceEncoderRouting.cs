using Airgap.Inference.Errors;
using Microsoft.Extensions.AI;

namespace Airgap.Inference.Embeddings;

/// <summary>
/// Sends requests for models ONNX Runtime serves (all-minilm, imported ONNX models) to their sentence encoder and
/// every other request to the inner generator (GGUF models through the scheduler).
/// </summary>
public sealed class SentenceEncoderRouting(IEmbeddingGenerator<string, Embedding<float>> inner, SentenceEncoderCatalog encoders)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? this.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        if (model is null || encoders.Find(model) is not { } found)
            return await base.GenerateAsync(values, options, cancellationToken);

        var inputs = values.ToList();
        var limits = encoders.Options;
        if (inputs.Count > limits.MaxEmbeddingInputs)
            throw new InvalidRequestException("input", $"has {inputs.Count} inputs, more than the {limits.MaxEmbeddingInputs} allowed (setting Inference:MaxEmbeddingInputs)");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.RequestTimeout);
        Engines.Onnx.SentenceEmbeddings result;
        try
        {
            result = await found.Encoder.EncodeAsync(inputs, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RequestTimeoutException();
        }
        var created = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(result.Vectors.Select(v => new Embedding<float>(v) { ModelId = found.Reference, CreatedAt = created }))
        {
            Usage = new UsageDetails { InputTokenCount = result.Tokens, TotalTokenCount = result.Tokens },
        };
    }
}
