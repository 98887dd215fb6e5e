namespace Airgap.Analytics.Search;

/// <summary>
/// A text kept for search: its id in the collection, the text, the caller's metadata (JSON), and its embedding with
/// the model version that made it (null until embedded).
/// </summary>
public sealed record StoredText(string Id, string Text, string? Metadata, float[]? Embedding, string? EmbeddingModel);
