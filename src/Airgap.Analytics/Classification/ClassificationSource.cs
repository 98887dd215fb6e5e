namespace Airgap.Analytics.Classification;

/// <summary>What gave a classification: the model, the nearest labelled example, or nothing (<c>unknown</c>).</summary>
public enum ClassificationSource
{
    /// <summary>The model chose among the categories, held to them by a grammar.</summary>
    Llm,

    /// <summary>The label of the labelled example whose embedding is nearest.</summary>
    Embeddings,

    /// <summary>Neither could answer: the category is <c>unknown</c>.</summary>
    None,
}
