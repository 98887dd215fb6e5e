namespace Airgap.Analytics.Search;

/// <summary>One result: the stored text, its metadata, and its score (cosine similarity, or keyword relevance for the fallback).</summary>
public sealed record SearchHit(string Id, string Text, string? Metadata, double Score);
