namespace Airgap.Analytics.Search;

/// <summary>
/// The best matches, best first; <paramref name="Source"/> is `embeddings` (meaning) or `keywords` (the fallback when
/// the embedding model is unavailable); <paramref name="Model"/> the embedding model that answered; notes say why it fell back.
/// </summary>
public sealed record SearchOutcome(IReadOnlyList<SearchHit> Hits, string Source, string? Model, IReadOnlyList<string> Notes);
