namespace Airgap.Analytics.Classification;

/// <summary>
/// Every text's classification, in request order, the model that was asked (null when none was) and, in words, why
/// any text was not answered by it (no model configured, model missing, failed, timed out, embeddings unavailable).
/// </summary>
public sealed record ClassificationOutcome(IReadOnlyList<TextClassification> Results, string? Model, IReadOnlyList<string> Notes);
