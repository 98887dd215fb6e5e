namespace Airgap.Analytics.Classification;

/// <summary>
/// The category of one text and what gave it. <see cref="Confidence"/> is the cosine similarity to the nearest example
/// for <see cref="ClassificationSource.Embeddings"/>, null otherwise; <see cref="Example"/> is that example's index.
/// </summary>
public sealed record TextClassification(string Category, ClassificationSource Source, double? Confidence = null, int? Example = null)
{
    /// <summary>The category of a text neither the model nor the examples could place.</summary>
    public const string Unknown = "unknown";

    /// <summary>The answer when nothing could classify a text.</summary>
    public static TextClassification None { get; } = new(Unknown, ClassificationSource.None);
}
