namespace Airgap.Analytics.Autocomplete;

/// <summary>
/// A context autocomplete has seen, with its values for one parameter and its embedding (null until the embedding
/// model has read it, or when it was read by another model than <c>EmbeddingModel</c> names now).
/// </summary>
public sealed record StoredContext(long Id, string Key, string Text, float[]? Embedding, IReadOnlyList<AcceptedValue> Values);
